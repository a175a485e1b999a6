create table transfer (
    id              uuid primary key,
    organization    text        not null,
    submitted_by    text        not null,
    status          text        not null,
    origin          text        not null,
    destination     text        not null,
    jurisdictions   text[]      not null,
    request         jsonb       not null,
    assessment_id   text,
    outcome         text,
    policy_version  text,
    assessment      jsonb,
    approvers       text[]      not null default '{}',
    submitted_at    timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null
);
create index transfer_organization on transfer (organization, submitted_at desc);
create index transfer_jurisdictions on transfer using gin (jurisdictions);

-- A retried submit with the same Idempotency-Key returns the first result.
create table idempotency_key (
    organization  text        not null,
    key           text        not null,
    request_hash  text        not null,
    transfer_id   uuid        not null references transfer (id),
    created_at    timestamptz not null default now(),
    primary key (organization, key)
);
