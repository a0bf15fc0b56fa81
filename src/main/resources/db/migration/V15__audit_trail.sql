-- The audit trail: security-relevant and operator actions, appended and never changed.
create table audit_entries (
    id                      uuid primary key,
    seq                     bigint generated always as identity unique,
    occurred_at             timestamp(6) with time zone not null,
    -- Who, as they were at the time (no foreign keys: entries outlive users and organisations).
    actor_user_id           uuid,
    actor_email             varchar(254),
    actor_organisation_id   uuid,
    actor_organisation_name varchar(200),
    actor_role              varchar(16)  not null
        check (actor_role in ('CUSTOMER', 'VENDOR', 'RESELLER', 'OPERATOR', 'ANONYMOUS', 'SYSTEM')),
    -- The organisation the entry concerns besides the actor's (e.g. the customer whose invoice an operator paid).
    organisation_id         uuid,
    action                  varchar(64)  not null check (action ~ '^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$'),
    target_type             varchar(32),
    target_id               varchar(64),
    target_label            varchar(300),
    outcome                 varchar(16)  not null check (outcome in ('SUCCESS', 'FAILURE')),
    source_address          varchar(64),
    user_agent              varchar(500),
    details                 jsonb        not null default '{}'::jsonb
);
create index audit_entries_by_time on audit_entries (occurred_at desc, seq desc);
create index audit_entries_by_actor_organisation on audit_entries (actor_organisation_id, occurred_at desc);
create index audit_entries_by_organisation on audit_entries (organisation_id, occurred_at desc);
create index audit_entries_by_action on audit_entries (action, occurred_at desc);

-- Append-only: no UPDATE, DELETE or TRUNCATE, whoever asks through SQL. (The table's owner could still drop the
-- triggers; see docs/audit.md.)
create function audit_entries_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entries is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_entries_no_change before update or delete on audit_entries
    for each row execute function audit_entries_append_only();
create trigger audit_entries_no_truncate before truncate on audit_entries
    for each statement execute function audit_entries_append_only();
