-- accounts: passkeys (Spring Security's WebAuthn JDBC repositories), TOTP second factor, recovery codes, and the
-- operators' second-factor policy.

-- Spring Security's JdbcPublicKeyCredentialUserEntityRepository: one WebAuthn user handle per Skyport user; name is
-- the user's e-mail address (the authenticated principal's name), id a random handle (base64url).
create table user_entities (
    id           varchar(1000) not null primary key,
    name         varchar(254)  not null,
    display_name varchar(200)
);
create unique index user_entities_name_unique on user_entities (name);

-- Spring Security's JdbcUserCredentialRepository (its PostgreSQL schema, with time zones): one row per passkey.
create table user_credentials (
    credential_id                varchar(1000) not null primary key,
    user_entity_user_id          varchar(1000) not null references user_entities (id) on delete cascade,
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp(6) with time zone,
    last_used                    timestamp(6) with time zone,
    label                        varchar(1000) not null
);
create index user_credentials_by_user on user_credentials (user_entity_user_id);

-- An authenticator app (RFC 6238). The secret is AES-GCM encrypted (nonce || ciphertext || tag); confirmed_at is
-- null while the user has not yet entered a first code. last_used_step refuses a code used before.
create table totp_authenticators (
    user_id          uuid primary key references users (id) on delete cascade,
    secret_encrypted bytea       not null,
    confirmed_at     timestamp(6) with time zone,
    last_used_step   bigint      not null default 0,
    created_at       timestamp(6) with time zone not null
);

-- Single-use recovery codes: only their SHA-256 (the codes carry 80 random bits).
create table recovery_codes (
    id         uuid primary key,
    user_id    uuid  not null references users (id) on delete cascade,
    code_hash  bytea not null,
    created_at timestamp(6) with time zone not null,
    used_at    timestamp(6) with time zone,
    constraint recovery_codes_unique unique (user_id, code_hash)
);

-- The operators' switch: a second factor required for operator accounts (besides the configuration property).
create table second_factor_policy (
    id                     boolean primary key default true check (id),
    required_for_operators boolean not null,
    changed_by             uuid references users (id) on delete set null,
    changed_at             timestamp(6) with time zone not null
);
