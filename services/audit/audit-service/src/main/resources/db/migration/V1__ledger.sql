-- The ledger: one RFC 9162 Merkle tree over every event of the platform, in one global order.

-- The tree head, one row. Appends lock it (select … for update), which serialises them: leaf indexes are
-- handed out gap-free and the stored frontier always matches the entries committed before it.
create table tree_head (
    id          smallint    primary key default 1 check (id = 1),
    tree_size   bigint      not null check (tree_size >= 0),
    root_hash   bytea       not null check (length(root_hash) = 32),
    -- the right frontier (compact range): roots of the full subtrees, largest first, 32 bytes each
    frontier    bytea       not null,
    updated_at  timestamptz not null
);
insert into tree_head (tree_size, root_hash, frontier, updated_at)
values (0, sha256(''::bytea), ''::bytea, now());

create table ledger_entry (
    leaf_index        bigint      primary key check (leaf_index >= 0),
    event_id          text        not null,
    source            text        not null,
    type              text        not null,
    subject           text,
    event_time        timestamptz,
    aggregate_type    text        not null,
    aggregate_id      text        not null,
    aggregate_version bigint      not null,
    organization      text,
    jurisdictions     text[]      not null default '{}',
    topic             text        not null,
    leaf              bytea       not null,
    leaf_hash         bytea       not null check (length(leaf_hash) = 32),
    appended_at       timestamptz not null,
    -- CloudEvents: source + id identify an event; a redelivery is appended once
    constraint ledger_entry_event unique (source, event_id)
);
create index ledger_entry_aggregate on ledger_entry (aggregate_id, leaf_index);
create index ledger_entry_organization on ledger_entry (organization, leaf_index);
create index ledger_entry_type on ledger_entry (type, leaf_index);
create index ledger_entry_time on ledger_entry (event_time);
create index ledger_entry_jurisdictions on ledger_entry using gin (jurisdictions);
create index ledger_entry_event_id on ledger_entry (event_id);

-- Append-only: an entry once written is never changed or removed, whoever asks.
create function ledger_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the ledger is append-only: % of ledger_entry refused', tg_op;
end;
$$;
create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each row execute function ledger_entry_append_only();
create trigger ledger_entry_no_truncate before truncate on ledger_entry
    for each statement execute function ledger_entry_append_only();

-- Per aggregate, the highest aggregateversion seen, to notice versions that do not follow on.
create table aggregate_version (
    aggregate_type  text   not null,
    aggregate_id    text   not null,
    highest_version bigint not null,
    primary key (aggregate_type, aggregate_id)
);

create table aggregate_version_gap (
    id               bigserial   primary key,
    aggregate_type   text        not null,
    aggregate_id     text        not null,
    -- MISSING: versions between the previous highest and this one never arrived (yet);
    -- OUT_OF_ORDER: this version is not above the highest already seen
    kind             text        not null check (kind in ('MISSING', 'OUT_OF_ORDER')),
    expected_version bigint      not null,
    received_version bigint      not null,
    leaf_index       bigint      not null references ledger_entry (leaf_index),
    event_id         text        not null,
    detected_at      timestamptz not null
);
create index aggregate_version_gap_aggregate on aggregate_version_gap (aggregate_id, id);
