-- The volume ledger's running totals per exporter and year, kept in the transaction that adds an entry, so that an
-- assessment reads what the exporter sent so far in one row instead of summing every entry of the year (which grew
-- with each transfer: at tens of thousands of transfers a year it was most of an assessment's time).
create table volume_total (
    organization          text    not null,
    year                  integer not null,
    individuals           bigint  not null check (individuals >= 0),
    sensitive_individuals bigint  not null check (sensitive_individuals >= 0),
    primary key (organization, year)
);

insert into volume_total (organization, year, individuals, sensitive_individuals)
select organization, year, sum(individuals), sum(sensitive_individuals)
from volume_entry
group by organization, year;
