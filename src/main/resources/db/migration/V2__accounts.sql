-- accounts: organisations, users, partner sign-up requests, login throttling, API tokens, SSH keys.
create table organisations (
    id         uuid primary key,
    name       varchar(200) not null,
    type       varchar(16)  not null check (type in ('CUSTOMER', 'VENDOR', 'RESELLER', 'OPERATOR')),
    created_at timestamp(6) with time zone not null,
    version    bigint       not null
);

create table users (
    id                  uuid primary key,
    organisation_id     uuid         not null references organisations (id),
    email               varchar(254) not null,
    name                varchar(200) not null,
    password_hash       varchar(255) not null,
    role                varchar(16)  not null check (role in ('OWNER', 'MEMBER')),
    created_at          timestamp(6) with time zone not null,
    password_changed_at timestamp(6) with time zone not null,
    version             bigint       not null,
    constraint users_email_is_normalised check (email = lower(btrim(email)))
);
create unique index users_email_unique on users (email);
create index users_by_organisation on users (organisation_id);

create table signup_requests (
    id                uuid primary key,
    organisation_type varchar(16)   not null check (organisation_type in ('VENDOR', 'RESELLER')),
    organisation_name varchar(200)  not null,
    name              varchar(200)  not null,
    email             varchar(254)  not null check (email = lower(btrim(email))),
    password_hash     varchar(255)  not null,
    message           varchar(2000),
    status            varchar(16)   not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    decision_reason   varchar(1000),
    decided_by        uuid references users (id),
    decided_at        timestamp(6) with time zone,
    created_at        timestamp(6) with time zone not null,
    version           bigint        not null
);
create unique index signup_requests_one_pending_per_email on signup_requests (email) where status = 'PENDING';
create index signup_requests_by_status on signup_requests (status, created_at);

-- Failed sign-ins per e-mail address (known or not, so a lock reveals nothing about which accounts exist).
create table login_failures (
    id        bigint generated always as identity primary key,
    email     varchar(254) not null,
    failed_at timestamp(6) with time zone not null
);
create index login_failures_by_email on login_failures (email, failed_at);

-- Personal API tokens: only the SHA-256 of the token is stored; the hint is its first characters for display.
create table api_tokens (
    id           uuid primary key,
    user_id      uuid         not null references users (id) on delete cascade,
    name         varchar(100) not null,
    token_hash   bytea        not null unique,
    token_hint   varchar(16)  not null,
    created_at   timestamp(6) with time zone not null,
    last_used_at timestamp(6) with time zone,
    version      bigint       not null,
    constraint api_tokens_unique_name_per_user unique (user_id, name)
);

create table ssh_keys (
    id          uuid primary key,
    user_id     uuid         not null references users (id) on delete cascade,
    name        varchar(100) not null,
    type        varchar(32)  not null,
    bits        integer      not null,
    fingerprint varchar(64)  not null,
    public_key  text         not null,
    comment     varchar(255),
    created_at  timestamp(6) with time zone not null,
    version     bigint       not null,
    constraint ssh_keys_unique_per_user unique (user_id, fingerprint)
);
