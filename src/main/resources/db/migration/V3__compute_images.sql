-- compute: the registry of operating-system images VMs boot from.
create table images (
    id               uuid primary key,
    name             varchar(100)  not null,
    os_family        varchar(16)   not null,
    source           varchar(1000) not null,
    default_ssh_user varchar(32)   not null,
    min_disk_gib     integer       not null check (min_disk_gib between 1 and 1024),
    description      varchar(1000),
    status           varchar(16)   not null check (status in ('AVAILABLE', 'DEPRECATED')),
    created_at       timestamp(6) with time zone not null,
    updated_at       timestamp(6) with time zone not null,
    version          bigint        not null
);
create unique index images_name_unique on images (lower(name));
