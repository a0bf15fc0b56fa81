-- Compute nodes: libvirt hosts with their capacity (read from libvirt or set by an operator), overcommit ratios and
-- what placement has reserved on them. used_* change only through placement's conditional UPDATE, never through
-- the node entity (which maps them read-only), so an operator editing a node cannot overwrite a reservation.

-- Enrolment tokens let a host register itself (POST /api/v1/compute/nodes/enrol). Only the SHA-256 of a token is
-- stored; a token works for any number of hosts until it expires or an operator revokes it.
create table compute_enrolment_tokens (
	id uuid primary key,
	name varchar(100) not null,
	token_hash bytea not null unique,
	token_hint varchar(20) not null,
	region varchar(50),
	expires_at timestamptz not null,
	revoked_at timestamptz,
	uses int not null default 0,
	last_used_at timestamptz,
	created_at timestamptz not null,
	version bigint not null default 0
);

create table compute_nodes (
	id uuid primary key,
	name varchar(100) not null,
	uri varchar(500) not null,
	region varchar(50) not null,
	virt_type varchar(10) not null check (virt_type in ('KVM', 'QEMU')),
	network_mode varchar(10) not null default 'USER' check (network_mode in ('USER', 'NETWORK', 'BRIDGE')),
	network_source varchar(100),
	storage_pool varchar(100) not null default 'default',
	datasource_base_url varchar(500),
	state varchar(10) not null check (state in ('UP', 'DOWN', 'DISABLED', 'DRAINING')),
	vcpus int not null check (vcpus >= 0),
	memory_mib bigint not null check (memory_mib >= 0),
	disk_gib bigint not null check (disk_gib >= 0),
	capacity_overridden boolean not null default false,
	cpu_ratio numeric(6, 2) not null default 4.0 check (cpu_ratio > 0),
	ram_ratio numeric(6, 2) not null default 1.0 check (ram_ratio > 0),
	disk_ratio numeric(6, 2) not null default 1.0 check (disk_ratio > 0),
	used_vcpus int not null default 0 check (used_vcpus >= 0),
	used_memory_mib bigint not null default 0 check (used_memory_mib >= 0),
	used_disk_gib bigint not null default 0 check (used_disk_gib >= 0),
	-- Health: consecutive missed probes/heartbeats (3 make an UP node DOWN) and what the last contact reported.
	missed_checks int not null default 0 check (missed_checks >= 0),
	last_seen_at timestamptz,
	last_probe_at timestamptz,
	last_heartbeat_at timestamptz,
	last_error varchar(1000),
	last_error_at timestamptz,
	hypervisor varchar(50),
	hypervisor_version bigint,
	libvirt_version bigint,
	free_memory_mib bigint,
	free_disk_gib bigint,
	machine_count int,
	-- Self-registered nodes: the token that enrolled them, the SHA-256 of their own heartbeat token, and how often
	-- they promised to send one.
	enrolment_token_id uuid references compute_enrolment_tokens (id),
	heartbeat_token_hash bytea unique,
	heartbeat_interval_seconds int check (heartbeat_interval_seconds between 5 and 3600),
	created_at timestamptz not null,
	updated_at timestamptz not null,
	version bigint not null default 0
);

create unique index compute_nodes_name on compute_nodes (lower(name));
create index compute_nodes_region_state on compute_nodes (region, state);
