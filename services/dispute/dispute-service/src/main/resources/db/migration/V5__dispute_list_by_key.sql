-- The case list is read by key, newest first: (opened_at, id) < (cursor) order by opened_at desc, id desc.
-- The index of V2 ordered id ascending within an instant, which a row comparison cannot walk.
drop index dispute_case_opened;
create index dispute_case_opened on dispute_case (opened_at desc, id desc);
