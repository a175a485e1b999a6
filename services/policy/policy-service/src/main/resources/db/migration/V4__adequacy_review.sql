-- Adequacy reviews between regulators (issue 10). The queryable part of a review is in columns (who reviews what,
-- who gives opinions, the running deadline, the outcome's dates, the version); its record (criteria, findings with
-- evidence, opinions, conclusion, timeline) in one JSON document beside them, written under the row lock.
create table adequacy_review (
    id                    uuid        primary key,
    kind                  text        not null check (kind in ('INITIAL', 'FOLLOW_UP', 'RECOGNITION')),
    trigger               text        not null check (trigger in ('REQUEST', 'PERIODIC', 'RECOGNITION_FLAG')),
    status                text        not null check (status in ('DRAFT', 'OPINIONS_REQUESTED', 'ADOPTED', 'IN_FORCE',
                                                                 'REJECTED', 'SUPERSEDED')),
    -- the reviewing authority (an ISO 3166-1 code or a bloc) and what it decides about: 'adequacy:US',
    -- 'certification:GLOBAL_CBPR,GLOBAL_PRP', 'model-clauses:…'
    authority             text        not null,
    target                text        not null,
    subject_jurisdiction  text,
    -- the decision or agreement under review or produced ('adequacy-decision:eu-us-dpf'), once there is one
    instrument            text,
    follows               uuid        references adequacy_review (id),
    recognises            uuid        references adequacy_review (id),
    -- for a recognition by reference: the recognised review's instrument, whose suspension or revocation raises a flag
    recognised_instrument text,
    opinion_givers        text[]      not null default '{}',
    opinions_from         text[]      not null default '{}',
    -- when the named regulators' opinions are due; opinions_closed once that deadline was handled
    deadline              timestamptz,
    opinions_closed       boolean     not null default false,
    outcome               text        check (outcome in ('ADEQUATE', 'SUSPENDED', 'REVOKED')),
    entry_into_force      date,
    review_date           date,
    opened_at             timestamptz not null,
    details               jsonb       not null,
    -- the aggregateversion of the review's last event
    version               bigint      not null check (version >= 1)
);
-- one review at a time decides about an authority's decision or agreement (and the platform opens a periodic
-- follow-up once per review in force)
create unique index adequacy_review_open_per_target on adequacy_review (authority, target)
    where status in ('DRAFT', 'OPINIONS_REQUESTED', 'ADOPTED');
create unique index adequacy_review_periodic_follow_up on adequacy_review (follows) where trigger = 'PERIODIC';
create index adequacy_review_by_status on adequacy_review (status, opened_at desc);
create index adequacy_review_opinion_givers on adequacy_review using gin (opinion_givers);
create index adequacy_review_recognised on adequacy_review (recognised_instrument) where recognised_instrument is not null;
create index adequacy_review_deadline on adequacy_review (deadline) where status = 'OPINIONS_REQUESTED' and not opinions_closed;
create index adequacy_review_review_date on adequacy_review (review_date) where status = 'IN_FORCE';

-- A flag to a jurisdiction that recognised another's review by reference, raised when the recognised decision or
-- agreement was suspended or revoked: it decides about its own by the deadline. One flag per recognition and change.
create table recognition_flag (
    id                       uuid        primary key,
    recognising_review       uuid        not null references adequacy_review (id),
    recognising_jurisdiction text        not null,
    changed_instrument       text        not null,
    policy_version           text        not null,
    status                   text        not null check (status in ('OPEN', 'RESOLVED')),
    raised_at                timestamptz not null,
    deadline                 timestamptz not null,
    details                  jsonb       not null,
    version                  bigint      not null check (version >= 1),
    unique (recognising_review, policy_version)
);
create index recognition_flag_by_jurisdiction on recognition_flag (recognising_jurisdiction, raised_at desc);
create index recognition_flag_deadline on recognition_flag (deadline) where status = 'OPEN';
