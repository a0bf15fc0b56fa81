-- compute: images boot from their disk or directly from a kernel and initrd; their files are imported into Skyport's
-- image store (verified by sha256) and copied into every node's storage pool.
alter table images add column boot varchar(8) not null default 'DISK' check (boot in ('DISK', 'KERNEL'));
alter table images add column kernel_cmdline varchar(1000);

-- One row per file Skyport keeps for an image (none for an image whose source is used in place on the hosts).
create table image_files (
    image_id    uuid         not null references images (id) on delete cascade,
    kind        varchar(8)   not null check (kind in ('DISK', 'KERNEL', 'INITRD')),
    origin      varchar(8)   not null check (origin in ('UPLOAD', 'URL', 'PATH')),
    location    varchar(1000),
    sha256      varchar(64)  not null check (sha256 ~ '^[0-9a-f]{64}$'),
    format      varchar(16),
    size_bytes  bigint check (size_bytes >= 0),
    state       varchar(10)  not null check (state in ('PENDING', 'IMPORTING', 'READY', 'FAILED')),
    reason      varchar(2000),
    attempt_started_at timestamp(6) with time zone,
    updated_at  timestamp(6) with time zone not null,
    primary key (image_id, kind),
    check ((origin = 'UPLOAD') = (location is null))
);

-- One row per image and node: the image's files copied into the node's storage pool.
create table image_copies (
    image_id   uuid         not null references images (id) on delete cascade,
    node_id    uuid         not null references compute_nodes (id) on delete cascade,
    state      varchar(10)  not null check (state in ('PENDING', 'COPYING', 'READY', 'FAILED')),
    reason     varchar(2000),
    bytes      bigint       not null default 0 check (bytes >= 0),
    attempt_started_at timestamp(6) with time zone,
    copied_at  timestamp(6) with time zone,
    updated_at timestamp(6) with time zone not null,
    primary key (image_id, node_id)
);
create index image_copies_node on image_copies (node_id);
