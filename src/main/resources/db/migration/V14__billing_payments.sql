-- Payments against invoices (recorded by operators, or later by a card gateway) and the dunning steps taken on
-- overdue invoices.

-- One payment settles one invoice in full (partial payments are not supported): the unique invoice_id is the guard
-- against recording it twice.
create table payments (
	id uuid primary key,
	invoice_id uuid not null unique references invoices (id),
	amount numeric(19, 4) not null check (amount > 0),
	currency varchar(3) not null check (currency ~ '^[A-Z]{3}$'),
	paid_on date not null,
	reference varchar(200) not null,
	-- MANUAL: a bank transfer an operator confirmed
	gateway varchar(20) not null,
	recorded_by uuid references users (id),
	recorded_at timestamptz not null
);

create index payments_recorded on payments (recorded_at desc);

-- Each step is taken once per invoice, whichever job gets there first.
create table dunning_steps (
	invoice_id uuid not null references invoices (id),
	step varchar(8) not null check (step in ('REMINDER', 'SUSPEND', 'CANCEL')),
	taken_on date not null,
	taken_at timestamptz not null,
	days_overdue int not null check (days_overdue >= 0),
	subscriptions_affected int not null default 0,
	primary key (invoice_id, step)
);

create index invoices_open_due on invoices (due_on) where status = 'OPEN' and kind = 'INVOICE';
