-- Each regulator's latest decision on a transfer (from transfer.decision-recorded.v1): a regulator may object
-- only to a decision another regulator actually recorded, within the objection window after it.
create table transfer_decision (
    transfer_id  text        not null,
    jurisdiction text        not null,
    organization text        not null,
    decision     text        not null check (decision in ('APPROVE', 'APPROVE_WITH_CONDITIONS', 'REJECT')),
    reasons      text        not null,
    decided_by   text        not null,
    decided_at   timestamptz not null,
    primary key (transfer_id, jurisdiction)
);
