-- The service connects as a runtime role (spring.datasource.username, here ${runtime-role}) that owns nothing;
-- Flyway runs as the role that owns the schema (spring.flyway.user). ALTER, DROP, TRUNCATE and DISABLE TRIGGER
-- need ownership, so the runtime role can do none of them, and whoever takes over the service's connection cannot
-- switch off the append-only triggers. The ledger's own tables it may read and append to, nothing more: no UPDATE
-- and no DELETE on them either, so the privileges refuse what the triggers refuse, even without the triggers.

-- on PostgreSQL before 15 every role may create tables in public
revoke create on schema public from public;
grant usage on schema public to "${runtime-role}";

-- append-only: the leaves, the stored subtrees, the signed checkpoints, the detected version gaps
grant select, insert on ledger_entry, merkle_node, checkpoint, aggregate_version_gap to "${runtime-role}";
-- one row, moved forward by every append (select … for update needs UPDATE too)
grant select, update on tree_head to "${runtime-role}";
-- the highest version per aggregate (insert … on conflict do update)
grant select, insert, update on aggregate_version to "${runtime-role}";
-- platform/messaging: the outbox (the relay marks rows published) and the idempotent consumer's record
grant select, insert, update on outbox_event to "${runtime-role}";
grant select, insert on processed_event to "${runtime-role}";
grant usage on sequence outbox_event_id_seq, aggregate_version_gap_id_seq to "${runtime-role}";

-- Tables and sequences of later migrations: appended to and read; one that is updated grants UPDATE itself.
alter default privileges for role current_user in schema public grant select, insert on tables to "${runtime-role}";
alter default privileges for role current_user in schema public grant usage on sequences to "${runtime-role}";
