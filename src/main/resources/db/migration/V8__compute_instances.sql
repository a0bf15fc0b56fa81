-- Projects group a customer organisation's instances; instances and their volumes.
create table compute_projects (
	id uuid primary key,
	organisation_id uuid not null references organisations (id),
	name varchar(100) not null,
	description varchar(1000),
	created_at timestamptz not null,
	updated_at timestamptz not null,
	version bigint not null default 0
);

create unique index compute_projects_name on compute_projects (organisation_id, lower(name));

create table compute_instances (
	id uuid primary key,
	organisation_id uuid not null references organisations (id),
	project_id uuid not null references compute_projects (id),
	name varchar(63) not null,
	description varchar(1000),
	tags text[] not null default '{}',
	region varchar(50) not null,
	vcpus int not null check (vcpus > 0),
	memory_mib bigint not null check (memory_mib > 0),
	root_disk_gib int not null check (root_disk_gib > 0),
	data_disk_gib int check (data_disk_gib > 0),
	image_id uuid not null references images (id),
	ssh_key_ids uuid[] not null default '{}',
	guest_configuration text,
	anti_affinity_group varchar(100),
	state varchar(10) not null
		check (state in ('PENDING', 'CREATING', 'RUNNING', 'STOPPED', 'ERROR', 'DELETING', 'DELETED')),
	state_reason varchar(1000),
	node_id uuid references compute_nodes (id),
	machine_name varchar(100) not null,
	addresses text[] not null default '{}',
	configured_at timestamptz,
	created_at timestamptz not null,
	updated_at timestamptz not null,
	version bigint not null default 0
);

create index compute_instances_organisation on compute_instances (organisation_id, created_at desc);
create index compute_instances_node on compute_instances (node_id) where state <> 'DELETED';
create unique index compute_instances_name on compute_instances (project_id, lower(name)) where state <> 'DELETED';

create table compute_volumes (
	id uuid primary key,
	instance_id uuid references compute_instances (id),
	organisation_id uuid not null references organisations (id),
	node_id uuid references compute_nodes (id),
	name varchar(100) not null,
	size_gib int not null check (size_gib > 0),
	state varchar(10) not null check (state in ('CREATING', 'AVAILABLE', 'ATTACHED', 'DELETING', 'DELETED', 'ERROR')),
	created_at timestamptz not null,
	updated_at timestamptz not null,
	version bigint not null default 0
);

create index compute_volumes_instance on compute_volumes (instance_id);
