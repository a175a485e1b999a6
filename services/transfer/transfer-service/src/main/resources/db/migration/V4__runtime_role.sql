-- The service connects as a runtime role (spring.datasource.username, here ${runtime-role}) that owns nothing;
-- Flyway runs as the role that owns the schema (spring.flyway.user). ALTER, DROP, TRUNCATE and creating tables need
-- ownership or privileges this role does not have: it reads and writes rows, as the service does, and no more.
-- Nothing here deletes a row, so no table grants DELETE.

-- on PostgreSQL before 15 every role may create tables in public
revoke create on schema public from public;
grant usage on schema public to "${runtime-role}";

-- submitted, then moved through its lifecycle (the expiry job locks rows: select … for update needs UPDATE)
grant select, insert, update on transfer to "${runtime-role}";
grant select, insert on idempotency_key to "${runtime-role}";
-- platform/messaging: the outbox (the relay marks rows published) and the idempotent consumer's record
grant select, insert, update on outbox_event to "${runtime-role}";
grant select, insert on processed_event to "${runtime-role}";
grant usage on sequence outbox_event_id_seq to "${runtime-role}";

-- Tables and sequences of later migrations are granted as they are created.
alter default privileges for role current_user in schema public
    grant select, insert, update, delete on tables to "${runtime-role}";
alter default privileges for role current_user in schema public grant usage on sequences to "${runtime-role}";
