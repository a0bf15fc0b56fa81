-- Simulated guests: on a node with simulate_guest, Skyport plays cloud-init for every machine that starts (libvirt's
-- test driver has no guests). On by default for test:/// nodes, off for every other; operators change it per node.
alter table compute_nodes add column simulate_guest boolean not null default false;
update compute_nodes set simulate_guest = true where uri like 'test:///%';

-- The reconciler's latest findings: what a node's inventory and Skyport's instances disagree about. One row per
-- (kind, node, name); first_seen_at survives the rounds that find it again, rows no longer found are deleted.
--   ORPHAN_MACHINE / ORPHAN_VOLUME: Skyport-named (skyport-<uuid>…) on the host, no live instance owns it;
--   FOREIGN_MACHINE / FOREIGN_VOLUME: not named by Skyport (listed, never removed);
--   MISSING_MACHINE: a running or stopped instance whose machine is not on its node;
--   STUCK: an instance in PENDING, CREATING or DELETING for longer than the deadline (node_id may be null).
create table compute_drift_findings (
	id uuid primary key,
	kind varchar(20) not null check (kind in ('ORPHAN_MACHINE', 'ORPHAN_VOLUME', 'FOREIGN_MACHINE', 'FOREIGN_VOLUME',
		'MISSING_MACHINE', 'STUCK')),
	node_id uuid references compute_nodes (id) on delete cascade,
	node_name varchar(100),
	name varchar(200) not null,
	instance_id uuid,
	detail varchar(1000) not null,
	first_seen_at timestamptz not null,
	last_seen_at timestamptz not null
);

create unique index compute_drift_findings_key on compute_drift_findings (kind, coalesce(node_id, '00000000-0000-0000-0000-000000000000'::uuid), name);
