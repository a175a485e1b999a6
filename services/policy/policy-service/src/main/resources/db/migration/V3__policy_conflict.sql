-- Conflicts between jurisdictions found on a transfer and published (policy.conflict-detected.v1, aggregate
-- policy-conflict keyed by the transfer): one row per conflict, numbered per transfer without gaps.
create table policy_conflict (
    conflict_id    uuid        primary key,
    transfer_id    text        not null,
    version        integer     not null,
    jurisdictions  text[]      not null,
    rules          text[]      not null,
    description    text        not null,
    policy_version text        not null,
    detected_at    timestamptz not null,
    unique (transfer_id, version)
);
