-- notifications: one delivery record per e-mail (idempotency key), and the outbox used when no SMTP server is set.
create table email_deliveries (
    id              uuid primary key,
    idempotency_key varchar(200) not null unique,
    recipient       varchar(254) not null,
    subject         varchar(300) not null,
    template        varchar(100) not null,
    status          varchar(16)  not null check (status in ('PENDING', 'SENT', 'OUTBOX', 'FAILED')),
    attempts        integer      not null default 0 check (attempts >= 0),
    last_error      varchar(1000),
    created_at      timestamp(6) with time zone not null,
    last_attempt_at timestamp(6) with time zone,
    sent_at         timestamp(6) with time zone,
    check ((status in ('SENT', 'OUTBOX')) = (sent_at is not null))
);

create table email_outbox (
    id               uuid primary key,
    delivery_id      uuid         not null unique references email_deliveries (id),
    sender           varchar(400) not null,
    recipient        varchar(254) not null,
    subject          varchar(300) not null,
    text_body        text         not null,
    html_body        text         not null,
    attachment_count integer      not null check (attachment_count >= 0),
    created_at       timestamp(6) with time zone not null
);
create index email_outbox_newest on email_outbox (created_at desc, id desc);

create table email_outbox_attachments (
    id           uuid primary key,
    message_id   uuid         not null references email_outbox (id) on delete cascade,
    position     integer      not null check (position >= 0),
    filename     varchar(200) not null,
    content_type varchar(200) not null,
    size_bytes   integer      not null check (size_bytes >= 0),
    content      bytea        not null,
    unique (message_id, position)
);

