-- Dispute cases (DESIGN §4). The procedure that opens and advances them (statements, deadlines, panels)
-- comes with the dispute issue; the table already holds what it needs, so the list API is real today.
create table dispute_case (
    id          uuid        primary key,
    transfer_id text        not null,
    trigger     text        not null check (trigger in ('APPEAL', 'OBJECTION', 'POLICY_CONFLICT')),
    status      text        not null check (status in ('OPEN', 'NEGOTIATION', 'RESOLVED_BY_AGREEMENT', 'ESCALATED',
                                                       'DECIDED')),
    -- ISO 3166-1 alpha-2 codes of the jurisdictions whose regulators are party to the dispute
    parties     text[]      not null check (cardinality(parties) > 0),
    grounds     text        not null,
    opened_at   timestamptz not null,
    -- when the current step times out (objection window, panel decision); null once the case is closed
    deadline    timestamptz,
    -- optimistic lock and the aggregateversion of the case's next event
    version     bigint      not null default 1 check (version >= 1)
);
create index dispute_case_transfer on dispute_case (transfer_id);
create index dispute_case_parties on dispute_case using gin (parties);
create index dispute_case_opened on dispute_case (opened_at desc, id);
-- the deadline scheduler will look for cases whose deadline passed
create index dispute_case_deadline on dispute_case (deadline) where deadline is not null;
