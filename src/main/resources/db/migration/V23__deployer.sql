-- Deployments: one saga per server, from request to READY and on to teardown. The server's specification is copied
-- here when requested, so a later plan change never alters a deployment in flight.
create table deployments (
	id uuid primary key,
	organisation_id uuid not null references organisations (id),
	subscription_id uuid unique,
	instance_id uuid not null unique,
	product_id uuid,
	vendor_id uuid,
	plan_id uuid,
	plan_version int,
	server_type varchar(50),
	trial boolean not null default false,
	name varchar(63) not null,
	description varchar(1000),
	tags text[] not null default '{}',
	region varchar(50) not null,
	vcpus int not null check (vcpus > 0),
	memory_mib bigint not null check (memory_mib > 0),
	root_disk_gib int not null check (root_disk_gib > 0),
	data_disk_gib int check (data_disk_gib > 0),
	image_id uuid not null,
	project_id uuid,
	ssh_key_ids uuid[] not null default '{}',
	state varchar(30) not null check (state in ('REQUESTED', 'CHECKING_PREREQUISITES', 'CREATING_VM',
		'CONFIGURING_ACCESS', 'ATTACHING_DATA_DISK', 'STARTING', 'AWAITING_GUEST', 'NOTIFYING', 'READY', 'SUSPENDING',
		'SUSPENDED', 'RESUMING', 'ROLLING_BACK', 'FAILED', 'TEARDOWN_REQUESTED', 'DESTROYING', 'DESTROYED')),
	step_attempt int not null default 0,
	step_started_at timestamptz,
	next_attempt_at timestamptz,
	suspend_requested boolean not null default false,
	teardown_requested_at timestamptz,
	teardown_at timestamptz,
	failed_step varchar(30),
	failure_reason varchar(1000),
	failure_detail varchar(4000),
	rolled_back boolean not null default false,
	guest_phoned_home_at timestamptz,
	ready_at timestamptz,
	created_at timestamptz not null,
	updated_at timestamptz not null,
	version bigint not null default 0
);

create index deployments_organisation on deployments (organisation_id, created_at desc);
create index deployments_vendor on deployments (vendor_id, created_at desc) where vendor_id is not null;
create index deployments_state on deployments (state, created_at desc);

-- Every attempt of every step, with its outcome: the timeline customers, vendors and operators read.
create table deployment_steps (
	id bigserial primary key,
	deployment_id uuid not null references deployments (id),
	step varchar(30) not null,
	attempt int not null check (attempt > 0),
	outcome varchar(20) not null check (outcome in ('RUNNING', 'SUCCEEDED', 'SKIPPED', 'RETRYING', 'FAILED',
		'INTERRUPTED', 'NOTED')),
	started_at timestamptz not null,
	ended_at timestamptz,
	message varchar(1000),
	detail varchar(4000),
	worker varchar(200)
);

create index deployment_steps_deployment on deployment_steps (deployment_id, id);
