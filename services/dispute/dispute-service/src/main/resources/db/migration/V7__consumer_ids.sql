-- Consumer ids are <service>.<binding> in every service (issue 21). The idempotent consumer's records move with them,
-- so that an event handled before the upgrade is not handled again after it. 'transfer-party' was the parties read
-- model's id on two bindings; a row does not say which topic its event came from, so it goes to both (event ids are
-- unique: the copy on the other binding never meets its event).
insert into processed_event (consumer, event_id, processed_at)
select 'dispute.policyEvents', event_id, processed_at from processed_event where consumer = 'transfer-party'
on conflict do nothing;
update processed_event set consumer = 'dispute.transferEvents' where consumer = 'transfer-party';
update processed_event set consumer = 'dispute.caseTriggers' where consumer = 'dispute-cases';
