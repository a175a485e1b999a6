-- Proofs in O(log n): every perfect subtree of the tree, stored once when its last leaf is appended.
-- Node (level, idx) covers leaves [idx·2^level, (idx+1)·2^level); level 0 are the leaf hashes, kept in
-- ledger_entry.leaf_hash, so this table holds levels 1 and up (about one row per leaf). A node never changes
-- once written, so a proof for any tree size up to the current one reads at most 2·log2(n) stored hashes.
create table merkle_node (
    level smallint not null check (level >= 1),
    idx   bigint   not null check (idx >= 0),
    hash  bytea    not null check (length(hash) = 32),
    primary key (level, idx)
);

create function append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the ledger is append-only: % of % refused', tg_op, tg_table_name;
end;
$$;

create trigger merkle_node_append_only before update or delete on merkle_node
    for each row execute function append_only();
create trigger merkle_node_no_truncate before truncate on merkle_node
    for each statement execute function append_only();

-- Ledgers appended before this migration: their nodes, level by level from the leaf hashes.
do $$
declare
    current_level smallint := 1;
    added bigint;
begin
    insert into merkle_node (level, idx, hash)
    select 1, l.leaf_index / 2, sha256('\x01'::bytea || l.leaf_hash || r.leaf_hash)
    from ledger_entry l join ledger_entry r on r.leaf_index = l.leaf_index + 1
    where l.leaf_index % 2 = 0;
    get diagnostics added = row_count;
    while added > 0 loop
        current_level := current_level + 1;
        insert into merkle_node (level, idx, hash)
        select current_level, l.idx / 2, sha256('\x01'::bytea || l.hash || r.hash)
        from merkle_node l join merkle_node r on r.level = l.level and r.idx = l.idx + 1
        where l.level = current_level - 1 and l.idx % 2 = 0;
        get diagnostics added = row_count;
    end loop;
end;
$$;

-- Signed checkpoints (C2SP tlog-checkpoint notes), one per tree size and key.
create table checkpoint (
    tree_size  bigint      not null check (tree_size >= 0),
    key_id     text        not null,
    root_hash  bytea       not null check (length(root_hash) = 32),
    signed_at  timestamptz not null,
    signature  bytea       not null,
    note       text        not null,
    primary key (tree_size, key_id)
);
create index checkpoint_key on checkpoint (key_id, tree_size);

create trigger checkpoint_append_only before update or delete on checkpoint
    for each row execute function append_only();
