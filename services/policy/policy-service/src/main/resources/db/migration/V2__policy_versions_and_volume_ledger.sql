-- Every version of the policy (rule packs, adequacy decisions, agreements, blocs) ever in force, as the files it
-- was read from: an assessment under any past policyVersion can be re-run. The newest row is in force. The same
-- content can come back (a decision revoked, then restored), so policy_version is not unique.
create table policy_version (
    seq               bigserial   primary key,
    policy_version    text        not null,
    files             jsonb       not null,
    change            text        not null,
    aggregate_type    text,
    aggregate_id      text,
    aggregate_version integer,
    changed_by        text        not null,
    changed_at        timestamptz not null
);
create index policy_version_by_version on policy_version (policy_version);
create unique index policy_change_aggregate on policy_version (aggregate_type, aggregate_id, aggregate_version);

-- The volume ledger (CAC 2024: counts are cumulative per exporter since 1 January): one row per assessed
-- transfer, written in the transaction of its first assessment.
create table volume_entry (
    transfer_id           text        primary key,
    organization          text        not null,
    year                  integer     not null,
    individuals           bigint      not null check (individuals >= 0),
    sensitive_individuals bigint      not null check (sensitive_individuals >= 0),
    recorded_at           timestamptz not null
);
create index volume_entry_by_exporter_year on volume_entry (organization, year);

-- What an assessment needs to be made again: the ledger's counts before the transfer, and the adequacy decisions
-- its deciding rules relied on (a change of one of them reassesses it).
alter table assessment add column year_individuals_before bigint not null default 0;
alter table assessment add column year_sensitive_before bigint not null default 0;
alter table assessment add column relied_on text[] not null default '{}';
alter table assessment add column reason text;
