-- monitoring: alert rules (metric: the name of io.skyport.monitoring.samples.Metric) and alerts (firing and resolved: the history).
-- A rule with organisation_id null is the operators' (the five built-ins among them); otherwise a customer's rule
-- for their own servers. Built-ins are rows too, so operators switch them off and tune them like any other rule.
create table alert_rules (
    id               uuid primary key,
    organisation_id  uuid,
    builtin          varchar(32) unique
        check (builtin in ('NODE_DOWN', 'DEPLOYMENT_FAILED', 'EMAIL_FAILING', 'EVENTS_ABANDONED', 'POOL_NEARLY_FULL')),
    name             varchar(100) not null,
    metric           varchar(40),
    comparison       varchar(8)   check (comparison in ('ABOVE', 'BELOW')),
    threshold        double precision,
    duration_seconds integer      check (duration_seconds between 60 and 86400),
    scope            varchar(16)  not null check (scope in ('INSTANCE', 'NODE', 'REGION', 'ALL')),
    scope_target     varchar(100),
    enabled          boolean      not null,
    created_at       timestamp(6) with time zone not null,
    updated_at       timestamp(6) with time zone not null,
    version          bigint       not null default 0,
    check (builtin is null or organisation_id is null),
    -- a rule that is not built in watches a metric, fully specified
    check (builtin is not null or (metric is not null and comparison is not null and threshold is not null
                                   and duration_seconds is not null)),
    check ((scope in ('INSTANCE', 'NODE', 'REGION')) = (scope_target is not null))
);
create index alert_rules_by_organisation on alert_rules (organisation_id, created_at);

create table alerts (
    id              uuid primary key,
    rule_id         uuid references alert_rules (id) on delete set null,
    organisation_id uuid,
    rule_name       varchar(100) not null,
    subject_key     varchar(100) not null,
    subject_kind    varchar(16)  not null check (subject_kind in ('INSTANCE', 'NODE', 'PLATFORM')),
    subject_id      uuid,
    subject_name    varchar(200) not null,
    summary         varchar(500) not null,
    value           double precision,
    state           varchar(16)  not null check (state in ('FIRING', 'RESOLVED')),
    resolution      varchar(500),
    fired_at        timestamp(6) with time zone not null,
    resolved_at     timestamp(6) with time zone,
    version         bigint       not null default 0,
    check ((state = 'RESOLVED') = (resolved_at is not null))
);
-- At most one firing alert per rule and subject, also when two servers evaluate at once.
create unique index alerts_one_firing on alerts (rule_id, subject_key) where state = 'FIRING';
create index alerts_by_organisation on alerts (organisation_id, fired_at desc, id desc);
create index alerts_firing on alerts (fired_at) where state = 'FIRING';

-- notifications: the built-in "e-mail delivery failing" rule counts recent failures every evaluation, and the metric
-- skyport_mail_undelivered counts all failed ones on every scrape interval: a partial index keeps both as small as
-- the queue of failures, however many e-mails were delivered.
create index email_deliveries_failed on email_deliveries (last_attempt_at) where status = 'FAILED';

insert into alert_rules (id, organisation_id, builtin, name, metric, comparison, threshold, duration_seconds, scope,
                         scope_target, enabled, created_at, updated_at)
values ('6b1f0000-0000-4000-8000-000000000001', null, 'NODE_DOWN', 'Node down', null, null, null, null, 'ALL', null,
        true, now(), now()),
       ('6b1f0000-0000-4000-8000-000000000002', null, 'DEPLOYMENT_FAILED', 'Deployment failed', null, null, null, null,
        'ALL', null, true, now(), now()),
       ('6b1f0000-0000-4000-8000-000000000003', null, 'EMAIL_FAILING', 'E-mail delivery failing', null, null, 1,
        900, 'ALL', null, true, now(), now()),
       ('6b1f0000-0000-4000-8000-000000000004', null, 'EVENTS_ABANDONED', 'Event publications abandoned', null, null,
        null, null, 'ALL', null, true, now(), now()),
       ('6b1f0000-0000-4000-8000-000000000005', null, 'POOL_NEARLY_FULL', 'Storage pool nearly full', 'NODE_POOL_USED',
        'ABOVE', 90, 300, 'ALL', null, true, now(), now());
