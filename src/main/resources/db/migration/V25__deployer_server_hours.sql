-- Direct servers are billed by the hour from READY until DESTROYED: when the machine went, and up to which hour its
-- hours were handed to billing (the recurring job's progress; billing's usage records make a repeat harmless).
alter table deployments add column destroyed_at timestamptz;
alter table deployments add column hours_recorded_until timestamptz;

create index deployments_direct_billable on deployments (ready_at)
	where subscription_id is null and ready_at is not null;
