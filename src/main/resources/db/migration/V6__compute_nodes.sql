-- Compute nodes: libvirt hosts with their capacity (read from libvirt or set by an operator), overcommit ratios and
-- what placement has reserved on them. used_* change only through placement's conditional UPDATE, never through
-- the node entity (which maps them read-only), so an operator editing a node cannot overwrite a reservation.
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
	created_at timestamptz not null,
	updated_at timestamptz not null,
	version bigint not null default 0
);

create unique index compute_nodes_name on compute_nodes (lower(name));
create index compute_nodes_region_state on compute_nodes (region, state);
