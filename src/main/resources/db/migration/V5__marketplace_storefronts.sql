-- marketplace: resellers' themed storefronts and their markup (global, or per catalog category).
create table storefronts (
    id             uuid primary key,
    reseller_id    uuid         not null unique,
    slug           varchar(40)  not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name           varchar(100) not null,
    tagline        varchar(200),
    primary_colour varchar(7)   not null check (primary_colour ~ '^#[0-9a-f]{6}$'),
    accent_colour  varchar(7)   not null check (accent_colour ~ '^#[0-9a-f]{6}$'),
    logo_key       varchar(512),
    custom_domain  varchar(253) unique,
    markup_percent numeric(6, 2) not null check (markup_percent between 0 and 500),
    created_at     timestamp(6) with time zone not null,
    updated_at     timestamp(6) with time zone not null,
    version        bigint       not null
);

create table storefront_markups (
    storefront_id  uuid          not null references storefronts (id) on delete cascade,
    category       varchar(50)   not null,
    markup_percent numeric(6, 2) not null check (markup_percent between 0 and 500),
    primary key (storefront_id, category)
);
