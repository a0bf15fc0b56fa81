-- notifications: the panel's notification centre. A notice is addressed to an organisation (one row per idempotency
-- key); read state is per user.
create table notices (
    id              uuid primary key,
    idempotency_key varchar(200)  not null unique,
    organisation_id uuid          not null,
    title           varchar(200)  not null,
    body            varchar(4000) not null,
    link            varchar(500),
    created_at      timestamp(6) with time zone not null
);
-- The list (newest first) and the unread count of every panel page read this index.
create index notices_by_organisation on notices (organisation_id, created_at desc, id desc);

create table notice_reads (
    user_id   uuid not null,
    notice_id uuid not null references notices (id) on delete cascade,
    read_at   timestamp(6) with time zone not null,
    primary key (user_id, notice_id)
);

-- catalog: how customers reach a product once their server is ready (shown to the subscriber, the vendor and
-- operators only, never on the storefront). default_password is the image's initial password the product tells
-- customers to change, not a Skyport secret.
alter table products
    add column access_url       varchar(500),
    add column default_username varchar(100),
    add column default_password varchar(200),
    add column ports            integer[] not null default '{}'
        check (cardinality(ports) <= 20 and 1 <= all (ports) and 65535 >= all (ports));
