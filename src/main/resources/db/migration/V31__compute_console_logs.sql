-- Skyport's own copy of every server's serial console log (compute.consolelogs, docs/console-logs.md).

-- Where the capture stands for each instance: how far it has read the host's log, and how far Skyport's copy goes.
create table compute_console_cursors (
	instance_id uuid primary key references compute_instances (id) on delete cascade,
	-- the next byte to read in the log on the host
	source_offset bigint not null check (source_offset >= 0),
	-- the last bytes read (up to 32), to recognise the same log at the next read: a log that was rotated or
	-- truncated and has grown again has other bytes there
	source_tail bytea not null,
	-- Skyport's copy is one byte sequence per instance, across restarts and rotations of the host's log:
	-- its bytes from stored_from (older ones were dropped by the size cap or the retention) to stored_until
	stored_from bigint not null check (stored_from >= 0),
	stored_until bigint not null check (stored_until >= stored_from),
	captured_at timestamptz,
	-- why the last read failed (host refused it), for operators; null after a read that worked
	failure varchar(1000),
	version bigint not null default 0
);

create table compute_console_chunks (
	instance_id uuid not null references compute_instances (id) on delete cascade,
	-- the position of the chunk's first byte in Skyport's copy
	position bigint not null check (position >= 0),
	captured_at timestamptz not null,
	content bytea not null check (octet_length(content) > 0),
	primary key (instance_id, position)
);

create index compute_console_chunks_captured on compute_console_chunks (captured_at);
