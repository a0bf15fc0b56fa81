-- Where a plan may run, and where an order asked to run (issue 10, "Where").
-- regions: names of compute regions, sorted, no duplicates; empty means every region. Part of the versioned spec, so
-- a change of regions writes a new plan version like any other change.
alter table plans add column regions text[] not null default '{}';
alter table plan_versions add column regions text[] not null default '{}';

-- The region the customer chose (or the plan's only one); null only for orders placed before regions existed.
alter table orders add column region varchar(50);
