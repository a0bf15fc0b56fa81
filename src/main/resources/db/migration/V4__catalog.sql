-- catalog: categories, vendors' products, their plans (current spec + immutable versions), screenshots, reviews.

-- array_to_string is only STABLE; tags are plain text, so this wrapper may be IMMUTABLE and feed a generated column.
create function skyport_tags_text(tags text[]) returns text
    language sql immutable parallel safe as $$ select coalesce(array_to_string(tags, ' '), '') $$;

create table categories (
    slug     varchar(50)  primary key,
    name     varchar(100) not null,
    position integer      not null
);
insert into categories (slug, name, position) values
    ('databases', 'Databases', 10),
    ('developer-tools', 'Developer tools', 20),
    ('web-hosting', 'Web hosting and CMS', 30),
    ('security', 'Security', 40),
    ('monitoring', 'Monitoring and analytics', 50),
    ('communication', 'Communication', 60),
    ('storage-backup', 'Storage and backup', 70),
    ('ai-ml', 'AI and machine learning', 80),
    ('operating-systems', 'Operating systems', 90);

create table products (
    id                   uuid primary key,
    vendor_id            uuid          not null,
    vendor_name          varchar(200)  not null,
    slug                 varchar(80)   not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name                 varchar(120)  not null,
    short_description    varchar(300)  not null,
    long_description     text          not null default '' check (length(long_description) <= 20000),
    category             varchar(50)   not null references categories (slug),
    tags                 text[]        not null default '{}',
    support_email        varchar(254),
    support_url          varchar(500),
    status               varchar(16)   not null check (status in ('DRAFT', 'PUBLISHED', 'WITHDRAWN')),
    logo_key             varchar(512),
    logo_thumbnail_key   varchar(512),
    brand_background     varchar(7),
    brand_text           varchar(7),
    rating_count         integer       not null default 0,
    rating_sum           integer       not null default 0,
    lowest_monthly_price numeric(19, 4),
    price_currency       varchar(3),
    published_at         timestamp(6) with time zone,
    created_at           timestamp(6) with time zone not null,
    updated_at           timestamp(6) with time zone not null,
    version              bigint        not null,
    search               tsvector generated always as (
        setweight(to_tsvector('english', name), 'A') ||
        setweight(to_tsvector('english', skyport_tags_text(tags)), 'B') ||
        setweight(to_tsvector('english', short_description), 'B') ||
        setweight(to_tsvector('english', long_description), 'D')) stored
);
create unique index products_slug_unique on products (slug);
create index products_search on products using gin (search);
create index products_storefront on products (status, category, published_at desc);
create index products_by_vendor on products (vendor_id, updated_at desc);
create index products_tags on products using gin (tags);

create table product_screenshots (
    id             uuid primary key,
    product_id     uuid         not null references products (id) on delete cascade,
    position       integer      not null,
    object_key     varchar(512) not null,
    thumbnail_key  varchar(512) not null,
    width          integer      not null,
    height         integer      not null,
    caption        varchar(200)
);
create index product_screenshots_by_product on product_screenshots (product_id, position);

-- The current spec of each plan; every change also appends an immutable row to plan_versions, which
-- subscriptions reference (plan id + version number), so a later change never alters what was bought.
create table plans (
    id                      uuid primary key,
    product_id              uuid          not null references products (id) on delete cascade,
    position                integer       not null,
    version_number          integer       not null,
    archived                boolean       not null default false,
    name                    varchar(80)   not null,
    vcpus                   integer       not null check (vcpus between 1 and 256),
    memory_mib              integer       not null check (memory_mib between 256 and 2097152),
    disk_gib                integer       not null check (disk_gib between 1 and 65536),
    data_disk_gib           integer       check (data_disk_gib between 1 and 65536),
    image_id                uuid          not null,
    monthly_price           numeric(19, 4) not null check (monthly_price >= 0),
    currency                varchar(3)       not null,
    bandwidth_included_gib  integer       not null check (bandwidth_included_gib >= 0),
    bandwidth_price_per_gib numeric(19, 4) not null check (bandwidth_price_per_gib >= 0),
    trial_days              integer       not null check (trial_days between 0 and 90),
    created_at              timestamp(6) with time zone not null,
    updated_at              timestamp(6) with time zone not null,
    version                 bigint        not null
);
create index plans_by_product on plans (product_id, position);

create table plan_versions (
    plan_id                 uuid          not null references plans (id) on delete cascade,
    number                  integer       not null,
    name                    varchar(80)   not null,
    vcpus                   integer       not null,
    memory_mib              integer       not null,
    disk_gib                integer       not null,
    data_disk_gib           integer,
    image_id                uuid          not null,
    monthly_price           numeric(19, 4) not null,
    currency                varchar(3)       not null,
    bandwidth_included_gib  integer       not null,
    bandwidth_price_per_gib numeric(19, 4) not null,
    trial_days              integer       not null,
    created_at              timestamp(6) with time zone not null,
    primary key (plan_id, number)
);

create table reviews (
    id                uuid primary key,
    product_id        uuid          not null references products (id) on delete cascade,
    author_id         uuid          not null,
    author_name       varchar(200)  not null,
    rating            integer       not null check (rating between 1 and 5),
    comment           varchar(4000) not null default '',
    vendor_reply      varchar(4000),
    vendor_replied_at timestamp(6) with time zone,
    hidden_reason     varchar(1000),
    hidden_at         timestamp(6) with time zone,
    created_at        timestamp(6) with time zone not null,
    updated_at        timestamp(6) with time zone not null,
    version           bigint        not null,
    constraint reviews_one_per_author unique (product_id, author_id)
);
create index reviews_by_product on reviews (product_id, created_at desc);
create index reviews_recent on reviews (created_at desc);
