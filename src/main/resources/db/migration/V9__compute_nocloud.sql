-- NoCloud data source: one row per seed token ever issued (only its SHA-256 is stored) with the seed data it serves,
-- and every access to it. No foreign key to compute_instances: a seed is issued before the instance row is
-- complete, and the audit must outlive a deleted instance.
create table compute_nocloud_seeds (
	token_hash bytea primary key check (octet_length(token_hash) = 32),
	instance_id uuid not null,
	organisation_id uuid not null references organisations (id),
	hostname varchar(63) not null,
	ssh_authorized_keys text[] not null default '{}',
	data_disk_gib int check (data_disk_gib > 0),
	vendor_config text check (octet_length(vendor_config) <= 16384),
	base_url varchar(500) not null,
	issued_at timestamptz not null,
	revoked_at timestamptz,
	configured_at timestamptz,
	last_phone_home_at timestamptz,
	phone_home_count int not null default 0
);

-- At most one live token per instance: issuing again revokes the previous one in the same transaction.
create unique index compute_nocloud_seeds_live on compute_nocloud_seeds (instance_id) where revoked_at is null;
create index compute_nocloud_seeds_instance on compute_nocloud_seeds (instance_id, issued_at desc);

-- Written in batches by one background writer; identical accesses of one batch (same instance, address, user
-- agent, document and status, within about 200 ms) share a row with their count. Read newest first per instance.
create table compute_nocloud_accesses (
	id bigint generated always as identity primary key,
	instance_id uuid not null,
	accessed_at timestamptz not null,
	last_accessed_at timestamptz not null,
	count int not null default 1 check (count > 0),
	source_address varchar(64) not null,
	user_agent varchar(256),
	kind varchar(16) not null,
	status smallint not null
);

create index compute_nocloud_accesses_instance on compute_nocloud_accesses (instance_id, accessed_at desc, id desc);
