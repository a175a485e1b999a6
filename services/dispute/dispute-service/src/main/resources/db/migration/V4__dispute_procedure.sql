-- The dispute procedure (DESIGN §4): what opened the case (one case per trigger), the enterprise party, which
-- deadline runs, the panel, and the case's record (rules in conflict, statements, proposals, votes, timeline,
-- outcome) as one JSON document written with the row, under the row lock.
alter table dispute_case
    add column trigger_key   text unique,
    add column organization  text,
    add column deadline_kind text check (deadline_kind in ('NEGOTIATION', 'PANEL_QUALIFIED_MAJORITY',
                                                           'PANEL_SIMPLE_MAJORITY')),
    add column panel         text[] not null default '{}',
    add column details       jsonb  not null default '{}'::jsonb,
    add check ((deadline is null) = (deadline_kind is null));
create index dispute_case_organization on dispute_case (organization);
create index dispute_case_panel on dispute_case using gin (panel);
