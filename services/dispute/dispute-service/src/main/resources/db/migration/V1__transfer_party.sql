-- What the dispute service knows of each transfer it may be asked about: who would be party to a dispute
-- on it. Filled from transfer.submitted.v1 (organisation, origin, destination, onward jurisdictions) and
-- policy.assessment-completed.v1 (outcome, regulators whose approval is required, policy version). The two
-- topics are not ordered relative to each other, so either event may create the row.
create table transfer_party (
    transfer_id        text        primary key,
    organization       text        not null,
    origin             text,
    destination        text,
    onward             text[]      not null default '{}',
    submitted_at       timestamptz,
    outcome            text,
    required_approvals text[]      not null default '{}',
    policy_version     text,
    assessed_at        timestamptz,
    check ((origin is null) = (submitted_at is null) and (destination is null) = (submitted_at is null)),
    check ((outcome is null) = (assessed_at is null)),
    check (outcome in ('PERMITTED', 'CONDITIONAL', 'REVIEW_REQUIRED', 'PROHIBITED'))
);
create index transfer_party_organization on transfer_party (organization);
