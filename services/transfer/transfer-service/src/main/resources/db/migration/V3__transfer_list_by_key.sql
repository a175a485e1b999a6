-- Lists are read by key, newest first: (submitted_at, id) < (cursor) order by submitted_at desc, id desc. An
-- auditor's list (every transfer) and a regulator's walk this index from the cursor instead of sorting the table;
-- an enterprise's its organisation's, with id in the key so that transfers submitted in the same microsecond
-- keep one order across pages.
create index transfer_submitted on transfer (submitted_at desc, id desc);
drop index transfer_organization;
create index transfer_organization on transfer (organization, submitted_at desc, id desc);
