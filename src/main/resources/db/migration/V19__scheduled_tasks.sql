-- db-scheduler's table (its postgresql_tables.sql, version 16.7.1): one row per scheduled execution. Recurring tasks
-- have one row each; one-time tasks one row per instance until it completes. A server claims a due row with
-- SELECT ... FOR UPDATE SKIP LOCKED (picked, picked_by) and keeps last_heartbeat fresh while it runs; a row whose
-- heartbeat is stale belongs to a dead server and is picked up by another one.
create table scheduled_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);

create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
