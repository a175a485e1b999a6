-- Decisions, fulfilments, the appeal and the suspension reason, as one document per transfer.
alter table transfer
    add column lifecycle             jsonb       not null default '{}'::jsonb,
    add column decided_jurisdictions text[]      not null default '{}',
    add column expires_at            timestamptz,
    add column period_start          date,
    add column period_end            date;

update transfer
   set period_start = (request -> 'period' ->> 'start')::date,
       period_end   = (request -> 'period' ->> 'end')::date;

-- the expiry job looks for due transfers that can still expire
create index transfer_expiry on transfer (expires_at)
    where status in ('PERMITTED', 'CONDITIONAL', 'AWAITING_APPROVAL', 'APPROVED', 'SUSPENDED');
create index transfer_approvers on transfer using gin (approvers);
create index transfer_destination on transfer (destination, submitted_at desc);
