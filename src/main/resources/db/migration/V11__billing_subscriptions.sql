-- Billing: each customer organisation's billing details, orders (the price as seen, frozen) and subscriptions.
create table billing_accounts (
	organisation_id uuid primary key references organisations (id),
	legal_name varchar(200) not null,
	billing_email varchar(254) not null,
	address_line1 varchar(200) not null,
	address_line2 varchar(200),
	postal_code varchar(20) not null,
	city varchar(100) not null,
	-- ISO 3166-1 alpha-2
	country varchar(2) not null check (country ~ '^[A-Z]{2}$'),
	-- two-letter prefix and 2-13 letters or digits, stored without spaces
	vat_number varchar(20) check (vat_number ~ '^[A-Z]{2}[A-Z0-9]{2,13}$'),
	business boolean not null default false,
	created_at timestamptz not null,
	updated_at timestamptz not null,
	version bigint not null default 0
);

-- An order is written once and never changed: what the customer saw and agreed to pay.
create table orders (
	id uuid primary key,
	organisation_id uuid not null references organisations (id),
	user_id uuid not null references users (id),
	product_id uuid not null,
	product_name varchar(200) not null,
	vendor_organisation_id uuid not null references organisations (id),
	plan_id uuid not null,
	plan_version int not null,
	plan_name varchar(100) not null,
	-- set when ordered through a reseller's storefront: the reseller and the storefront's slug at the time
	reseller_organisation_id uuid references organisations (id),
	storefront_slug varchar(100),
	-- the vendor's price of the plan version; the reseller's markup; what the customer pays per month
	list_price numeric(19, 4) not null check (list_price >= 0),
	markup_percent numeric(7, 3) not null default 0,
	monthly_price numeric(19, 4) not null check (monthly_price >= 0),
	currency varchar(3) not null check (currency ~ '^[A-Z]{3}$'),
	bandwidth_included_gib int not null default 0,
	-- the price per GiB above the allowance, after the markup
	bandwidth_price_per_gib numeric(19, 4) not null default 0,
	trial boolean not null,
	trial_days int not null default 0,
	-- a compute project the customer asked for (checked by the deployer, which knows projects)
	project_id uuid,
	ssh_key_ids uuid[] not null default '{}',
	created_at timestamptz not null,
	check ((reseller_organisation_id is null) = (storefront_slug is null)),
	check (not trial or trial_days > 0)
);

create index orders_organisation on orders (organisation_id, created_at desc);

create table subscriptions (
	id uuid primary key,
	order_id uuid not null unique references orders (id),
	organisation_id uuid not null references organisations (id),
	product_id uuid not null,
	product_name varchar(200) not null,
	vendor_organisation_id uuid not null references organisations (id),
	reseller_organisation_id uuid references organisations (id),
	plan_id uuid not null,
	plan_version int not null,
	plan_name varchar(100) not null,
	monthly_price numeric(19, 4) not null check (monthly_price >= 0),
	currency varchar(3) not null check (currency ~ '^[A-Z]{3}$'),
	bandwidth_included_gib int not null default 0,
	bandwidth_price_per_gib numeric(19, 4) not null default 0,
	state varchar(10) not null check (state in ('TRIAL', 'ACTIVE', 'SUSPENDED', 'CANCELLED', 'EXPIRED')),
	trial_ends_at timestamptz,
	keep_after_trial boolean not null default false,
	-- anniversary billing: periods run from the activation day, one month at a time (day d of every month, or the
	-- month's last day when it has no day d); null until the paid subscription starts
	activated_on date,
	cancel_at_period_end boolean not null default false,
	cancelled_at timestamptz,
	-- the first day no longer covered (exclusive end): set by a cancellation (period end, or the day of an immediate
	-- one) and by a trial's expiry
	ends_on date,
	state_reason varchar(500),
	created_at timestamptz not null,
	updated_at timestamptz not null,
	version bigint not null default 0,
	check (state <> 'TRIAL' or trial_ends_at is not null),
	check (state not in ('ACTIVE', 'SUSPENDED') or activated_on is not null),
	check (not cancel_at_period_end or ends_on is not null),
	check (state not in ('CANCELLED', 'EXPIRED') or ends_on is not null)
);

create index subscriptions_organisation on subscriptions (organisation_id, created_at desc);
create index subscriptions_organisation_product on subscriptions (organisation_id, product_id);
create index subscriptions_vendor on subscriptions (vendor_organisation_id, created_at desc);
create index subscriptions_reseller on subscriptions (reseller_organisation_id, created_at desc)
	where reseller_organisation_id is not null;
create index subscriptions_billable on subscriptions (state, activated_on);
create index subscriptions_trials_due on subscriptions (trial_ends_at) where state = 'TRIAL';
create index subscriptions_cancellations_due on subscriptions (ends_on)
	where cancel_at_period_end and state in ('ACTIVE', 'SUSPENDED');

-- A trial once per customer per product, whatever happened to it.
create table trial_claims (
	organisation_id uuid not null references organisations (id),
	product_id uuid not null,
	subscription_id uuid not null references subscriptions (id),
	claimed_at timestamptz not null,
	primary key (organisation_id, product_id)
);
