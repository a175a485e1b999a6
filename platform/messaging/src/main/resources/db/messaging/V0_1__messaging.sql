-- Transactional outbox: written in the same transaction as the state change it announces,
-- relayed to Kafka after commit, in id order.
create table outbox_event (
    id                bigserial primary key,
    event_id          uuid        not null unique,
    binding           text        not null,
    type              text        not null,
    source            text        not null,
    subject           text,
    occurred_at       timestamptz not null,
    aggregate_type    text        not null,
    aggregate_id      text        not null,
    aggregate_version bigint      not null,
    extensions        jsonb       not null default '{}'::jsonb,
    data              bytea       not null,
    published_at      timestamptz,
    unique (aggregate_type, aggregate_id, aggregate_version)
);
create index outbox_event_unpublished on outbox_event (id) where published_at is null;

-- Idempotent consumer: an event id is recorded in the same transaction as its effect.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
