-- Consumer ids are <service>.<binding> in every service (issue 21). The idempotent consumer's records move with them,
-- so that an event handled before the upgrade is not handled again after it.
update processed_event set consumer = 'transfer.policyEvents' where consumer = 'transfer-service.policy-events';
update processed_event set consumer = 'transfer.disputeEvents' where consumer = 'transfer-service.dispute-events';
