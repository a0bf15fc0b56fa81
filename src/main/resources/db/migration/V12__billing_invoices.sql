-- Invoicing: invoice runs, gapless document numbers, invoices and credit notes (immutable once issued), the periods
-- they settle (the guard against billing twice), and usage records.

create table invoice_runs (
	id uuid primary key,
	as_of date not null,
	-- SCHEDULE: the daily job; OPERATOR: started by started_by
	started_by_schedule boolean not null,
	started_by uuid references users (id),
	started_at timestamptz not null,
	finished_at timestamptz,
	invoices_issued int not null default 0,
	credit_notes_issued int not null default 0,
	customers_failed int not null default 0,
	check (started_by_schedule or started_by is not null)
);

create index invoice_runs_started on invoice_runs (started_at desc);

-- Why a customer was left out of a run; the next run tries again.
create table invoice_run_failures (
	run_id uuid not null references invoice_runs (id),
	organisation_id uuid not null references organisations (id),
	reason varchar(1000) not null,
	primary key (run_id, organisation_id)
);

-- One counter per number prefix (SKY invoices, SKC credit notes) and year. Issuing increments it with an upsert that
-- row-locks it until the issuing transaction ends: concurrent issuers queue on it, and a rolled-back issue also
-- rolls back its increment, so numbers have no gaps and no duplicates.
create table document_number_counters (
	prefix varchar(3) not null check (prefix in ('SKY', 'SKC')),
	year int not null check (year between 2000 and 9999),
	last_number int not null check (last_number > 0),
	primary key (prefix, year)
);

create table invoices (
	id uuid primary key,
	kind varchar(11) not null check (kind in ('INVOICE', 'CREDIT_NOTE')),
	number varchar(20) not null unique,
	number_year int not null,
	number_sequence int not null,
	organisation_id uuid not null references organisations (id),
	run_id uuid references invoice_runs (id),
	currency varchar(3) not null check (currency ~ '^[A-Z]{3}$'),
	issued_at timestamptz not null,
	issued_on date not null,
	due_on date not null,
	-- the issuer and the customer as printed, frozen at issue
	issuer_name varchar(200) not null,
	issuer_address varchar(200)[] not null,
	issuer_vat_number varchar(20),
	issuer_country varchar(2) not null,
	issuer_email varchar(254),
	customer_name varchar(200) not null,
	customer_address varchar(200)[] not null,
	customer_vat_number varchar(20),
	customer_country varchar(2) not null,
	customer_email varchar(254) not null,
	customer_business boolean not null,
	-- one tax treatment per document (one customer): a rate, or the reverse charge at 0 %
	tax_rate_percent numeric(6, 3) not null check (tax_rate_percent between 0 and 100),
	reverse_charge boolean not null,
	subtotal numeric(19, 4) not null,
	tax_total numeric(19, 4) not null check (tax_total >= 0),
	total numeric(19, 4) not null check (total >= 0),
	note varchar(500),
	-- a credit note that cancels one invoice in full names it
	credited_invoice_id uuid references invoices (id),
	-- what may change after issue: the status, and where the PDF is
	status varchar(8) not null check (status in ('OPEN', 'PAID', 'CREDITED')),
	status_changed_at timestamptz,
	pdf_key varchar(200),
	emailed_at timestamptz,
	check (number ~ '^SK[YC]-[0-9]{4}-[0-9]{6,}$' and substr(number, 1, 3) = case kind when 'INVOICE' then 'SKY' else 'SKC' end),
	check (not reverse_charge or tax_rate_percent = 0),
	check (kind = 'INVOICE' or status <> 'CREDITED'),
	unique (kind, number_year, number_sequence)
);

create index invoices_organisation on invoices (organisation_id, issued_at desc);
create index invoices_issued on invoices (issued_at desc);
create index invoices_run on invoices (run_id);
create index invoices_without_pdf on invoices (issued_at) where pdf_key is null;

-- Lines as printed: period_from and period_to are the first and last day covered (inclusive).
create table invoice_lines (
	invoice_id uuid not null references invoices (id) deferrable initially deferred,
	position int not null,
	kind varchar(6) not null check (kind in ('PLAN', 'USAGE', 'CREDIT')),
	subscription_id uuid references subscriptions (id),
	description varchar(500) not null,
	period_from date,
	period_to date,
	quantity numeric(19, 6) not null,
	unit_price numeric(19, 4) not null,
	amount numeric(19, 4) not null,
	primary key (invoice_id, position),
	check (period_to >= period_from)
);

create table invoice_taxes (
	invoice_id uuid not null references invoices (id) deferrable initially deferred,
	position int not null,
	label varchar(100) not null,
	rate_percent numeric(6, 3) not null,
	base numeric(19, 4) not null,
	amount numeric(19, 4) not null check (amount >= 0),
	primary key (invoice_id, position)
);

-- The guard against billing twice: a subscription's period is billed once, whichever run gets there first.
-- billed_until is the first day not charged (the period's end, or the subscription's earlier end); invoice_id is null
-- when nothing was due (a free plan).
create table billed_periods (
	subscription_id uuid not null references subscriptions (id),
	period_start date not null,
	period_end date not null,
	billed_until date not null,
	monthly_price numeric(19, 4) not null,
	invoice_id uuid references invoices (id) deferrable initially deferred,
	primary key (subscription_id, period_start),
	check (period_end > period_start and billed_until > period_start and billed_until <= period_end)
);

create index billed_periods_invoice on billed_periods (invoice_id);

-- Unused days of a billed period credited once (after an immediate cancellation), on an invoice or a credit note.
create table credited_periods (
	subscription_id uuid not null,
	period_start date not null,
	credited_from date not null,
	days int not null check (days > 0),
	amount numeric(19, 4) not null check (amount >= 0),
	invoice_id uuid references invoices (id) deferrable initially deferred,
	primary key (subscription_id, period_start),
	foreign key (subscription_id, period_start) references billed_periods (subscription_id, period_start)
);

-- Usage measured per instance, metric and hour (UTC), idempotent on that key; settled once per billing period.
create table usage_records (
	instance_id uuid not null,
	metric varchar(20) not null check (metric in ('bandwidth')),
	hour timestamptz not null,
	subscription_id uuid not null references subscriptions (id),
	quantity numeric(19, 6) not null check (quantity >= 0),
	recorded_at timestamptz not null,
	-- set when the period's usage is settled (billed_usage_periods)
	settled_period_start date,
	primary key (instance_id, metric, hour)
);

create index usage_records_unsettled on usage_records (subscription_id, hour) where settled_period_start is null;

create table billed_usage_periods (
	subscription_id uuid not null references subscriptions (id),
	period_start date not null,
	period_end date not null,
	used_gib numeric(19, 6) not null,
	included_gib int not null,
	billed_gib numeric(19, 6) not null,
	invoice_id uuid references invoices (id) deferrable initially deferred,
	primary key (subscription_id, period_start)
);

-- Issued documents never change, except their status and where their PDF is; nothing issued is ever deleted.
create function invoices_stay_issued() returns trigger language plpgsql as $$
begin
	if tg_op = 'DELETE' then
		raise exception 'Issued document % cannot be deleted: issue a credit note', old.number;
	end if;
	if (to_jsonb(new) - array['status', 'status_changed_at', 'pdf_key', 'emailed_at'])
			is distinct from (to_jsonb(old) - array['status', 'status_changed_at', 'pdf_key', 'emailed_at']) then
		raise exception 'Issued document % cannot change: issue a credit note', old.number;
	end if;
	return new;
end $$;

create trigger invoices_stay_issued before update or delete on invoices
	for each row execute function invoices_stay_issued();

create function issued_rows_stay() returns trigger language plpgsql as $$
begin
	raise exception 'Lines and taxes of issued documents cannot change';
end $$;

create trigger invoice_lines_stay before update or delete on invoice_lines
	for each row execute function issued_rows_stay();
create trigger invoice_taxes_stay before update or delete on invoice_taxes
	for each row execute function issued_rows_stay();
create trigger billed_periods_stay before update or delete on billed_periods
	for each row execute function issued_rows_stay();
