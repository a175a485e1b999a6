-- One row per assessment of a transfer; a reassessment adds a row with the next version.
create table assessment (
    id               uuid        primary key,
    transfer_id      text        not null,
    version          integer     not null,
    organization     text        not null,
    request          jsonb       not null,
    assessment       jsonb       not null,
    outcome          text        not null,
    policy_version   text        not null,
    source_event_id  text        not null,
    assessed_at      timestamptz not null,
    unique (transfer_id, version)
);
