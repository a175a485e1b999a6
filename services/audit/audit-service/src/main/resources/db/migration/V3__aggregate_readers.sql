-- Who among the regulators may read an aggregate now, as the event with its highest version said (extension
-- `readers`); null: no restriction beyond each event's `jurisdictions`. A producer that shows an aggregate to
-- fewer jurisdictions than its events concern (a draft adequacy review) says so, and the ledger's API shows no more.
alter table aggregate_version add column readers text[];
