-- The deployment that owns an instance and the subscription it serves (plain IDs: compute does not know those
-- modules), so usage can be attributed; and an index for operators paging through all instances.
alter table compute_instances add column deployment_id uuid;
alter table compute_instances add column subscription_id uuid;

create index compute_instances_deployment on compute_instances (deployment_id) where deployment_id is not null;
create index compute_instances_live on compute_instances (created_at desc, id) where state <> 'DELETED';
