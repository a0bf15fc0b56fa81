-- Monitoring: what was sampled (subjects, with the last counters so rates continue across servers and restarts),
-- raw samples and their 1-minute and 1-hour aggregates. The instance tables are partitioned by time (raw and minutes
-- by day, hours by month): retention drops whole partitions, and a range read touches only the partitions it needs.
-- Partitions are created ahead by the application (monitoring.samples.Partitions); see docs/monitoring.md.

create table monitoring_subjects (
    kind              varchar(16) not null check (kind in ('INSTANCE', 'NODE')),
    id                uuid        not null,
    name              text        not null,
    owner_id          uuid,
    subscription_id   uuid,
    node_id           uuid,
    region            text        not null,
    vcpus             integer     not null,
    run               text,
    sampled_at        timestamptz not null,
    cpu_time_ns       bigint      not null default 0,
    net_in_total      bigint      not null default 0,
    net_out_total     bigint      not null default 0,
    disk_read_total   bigint      not null default 0,
    disk_write_total  bigint      not null default 0,
    disk_read_ops_total  bigint   not null default 0,
    disk_write_ops_total bigint   not null default 0,
    primary key (kind, id)
);
create index monitoring_subjects_node on monitoring_subjects (node_id);

-- One row per instance and sample: gauges, and what the counters grew by over the `seconds` before sampled_at.
create table monitoring_instance_samples (
    instance_id       uuid        not null,
    sampled_at        timestamptz not null,
    seconds           real        not null,
    cpu_percent       real,
    memory_used       bigint      not null,
    memory_available  bigint      not null,
    net_in            bigint      not null,
    net_out           bigint      not null,
    disk_read         bigint      not null,
    disk_write        bigint      not null,
    disk_read_ops     bigint      not null,
    disk_write_ops    bigint      not null
) partition by range (sampled_at);
create index monitoring_instance_samples_series on monitoring_instance_samples (instance_id, sampled_at);

-- Aggregates: the same columns (cpu_percent and the memory columns averaged over time, counters summed), plus
-- maxima, so that one query shape reads any resolution.
create table monitoring_instance_minutes (
    instance_id       uuid        not null,
    sampled_at        timestamptz not null,
    samples           integer     not null,
    seconds           real        not null,
    cpu_percent       real,
    cpu_percent_max   real,
    memory_used       bigint      not null,
    memory_used_max   bigint      not null,
    memory_available  bigint      not null,
    net_in            bigint      not null,
    net_out           bigint      not null,
    disk_read         bigint      not null,
    disk_write        bigint      not null,
    disk_read_ops     bigint      not null,
    disk_write_ops    bigint      not null,
    primary key (instance_id, sampled_at)
) partition by range (sampled_at);

create table monitoring_instance_hours (like monitoring_instance_minutes including all) partition by range (sampled_at);

-- Nodes are few: plain tables, retention by delete.
create table monitoring_node_samples (
    node_id           uuid        not null,
    sampled_at        timestamptz not null,
    seconds           real        not null,
    cpu_percent       real,
    cpus              integer     not null,
    memory_bytes      bigint      not null,
    memory_free       bigint      not null,
    pool_bytes        bigint      not null,
    pool_free         bigint      not null,
    domains           integer     not null,
    primary key (node_id, sampled_at)
);

create table monitoring_node_minutes (
    node_id           uuid        not null,
    sampled_at        timestamptz not null,
    samples           integer     not null,
    seconds           real        not null,
    cpu_percent       real,
    cpu_percent_max   real,
    cpus              integer     not null,
    memory_bytes      bigint      not null,
    memory_free       bigint      not null,
    pool_bytes        bigint      not null,
    pool_free         bigint      not null,
    domains           real        not null,
    primary key (node_id, sampled_at)
);
create table monitoring_node_hours (like monitoring_node_minutes including all);

-- How far each rollup (and the bandwidth sent to billing) has got (exclusive end), so work after downtime resumes
-- where it stopped.
create table monitoring_rollups (
    name              varchar(32) primary key,
    done_until        timestamptz not null
);
