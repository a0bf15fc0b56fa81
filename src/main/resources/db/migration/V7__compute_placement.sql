-- Placement: the weigher chosen per region, and one allocation per placed instance. An allocation and the node's
-- used_* counters change in the same transaction; releasing an allocation is idempotent (delete ... returning).
create table compute_regions (
	name varchar(50) primary key,
	weigher varchar(10) not null default 'SPREAD' check (weigher in ('SPREAD', 'PACK')),
	description varchar(200),
	created_at timestamptz not null,
	updated_at timestamptz not null
);

create table compute_allocations (
	instance_id uuid primary key,
	node_id uuid not null references compute_nodes (id),
	vcpus int not null check (vcpus > 0),
	memory_mib bigint not null check (memory_mib > 0),
	disk_gib bigint not null check (disk_gib >= 0),
	anti_affinity_group varchar(100),
	created_at timestamptz not null
);

create index compute_allocations_node on compute_allocations (node_id);
create index compute_allocations_group on compute_allocations (anti_affinity_group, node_id)
	where anti_affinity_group is not null;
