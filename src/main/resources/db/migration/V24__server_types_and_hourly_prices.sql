-- Direct servers (issue 10, part 3). Compute: the server types operators offer. Billing: hourly prices (per type, and
-- per vCPU, GiB of RAM and GiB of disk for custom sizes), kept as a history so every hour is charged at the price in
-- force then; and usage records that bill an organisation's servers by the hour without a subscription.

create table compute_server_types (
	id uuid primary key,
	name varchar(50) not null unique check (name ~ '^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$'),
	vcpus int not null check (vcpus between 1 and 256),
	memory_mib bigint not null check (memory_mib between 128 and 4194304),
	disk_gib int not null check (disk_gib between 1 and 65536),
	data_disk_gib int check (data_disk_gib between 1 and 65536),
	active boolean not null default true,
	created_at timestamptz not null,
	updated_at timestamptz not null
);

-- One row per change: the price of a server type (server_type set, hourly set) or the rates for custom sizes
-- (server_type null, the three rates set). The price in force at a moment is the newest row valid from before it;
-- a row without any amount withdraws the price.
create table billing_server_prices (
	id bigserial primary key,
	server_type varchar(50),
	currency varchar(3) check (currency ~ '^[A-Z]{3}$'),
	hourly numeric(19, 4) check (hourly >= 0),
	vcpu_hour numeric(19, 4) check (vcpu_hour >= 0),
	gib_ram_hour numeric(19, 4) check (gib_ram_hour >= 0),
	gib_disk_hour numeric(19, 4) check (gib_disk_hour >= 0),
	valid_from timestamptz not null,
	set_by uuid references users (id),
	check ((currency is null) = (coalesce(hourly, vcpu_hour) is null)),
	check (server_type is not null or (vcpu_hour is null) = (gib_ram_hour is null)
		and (vcpu_hour is null) = (gib_disk_hour is null)),
	check (server_type is null or (vcpu_hour is null and gib_ram_hour is null and gib_disk_hour is null))
);

create index billing_server_prices_lookup on billing_server_prices (server_type, valid_from desc);

-- Server hours: one usage record per instance and hour (metric 'server_hours', quantity 1), billed to the
-- organisation rather than to a subscription, priced when recorded and settled on the monthly invoice.
alter table usage_records drop constraint usage_records_metric_check;
alter table usage_records add constraint usage_records_metric_check check (metric in ('bandwidth', 'server_hours'));
alter table usage_records alter column subscription_id drop not null;
alter table usage_records add column organisation_id uuid references organisations (id);
alter table usage_records add column currency varchar(3);
alter table usage_records add column unit_price numeric(19, 4);
alter table usage_records add column description varchar(200);
alter table usage_records add constraint usage_records_payer check (
	metric = 'bandwidth' and subscription_id is not null
	or metric = 'server_hours' and organisation_id is not null and currency is not null and unit_price is not null
		and description is not null);

create index usage_records_server_hours_unsettled on usage_records (organisation_id, hour)
	where metric = 'server_hours' and settled_period_start is null;
