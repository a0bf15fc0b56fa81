-- Spring Modulith's JPA event publication registry: the transactional outbox for events between modules.
create table event_publication (
    id                     uuid primary key,
    listener_id            text        not null,
    event_type             text        not null,
    serialized_event       text        not null,
    publication_date       timestamp(6) with time zone not null,
    completion_date        timestamp(6) with time zone,
    last_resubmission_date timestamp(6) with time zone,
    completion_attempts    integer     not null default 0,
    status                 varchar(32)
);

create index event_publication_incomplete on event_publication (publication_date) where completion_date is null;
create index event_publication_incomplete_by_listener on event_publication (listener_id) where completion_date is null;
create index event_publication_completed on event_publication (completion_date) where completion_date is not null;
