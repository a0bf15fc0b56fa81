-- Failed sign-ins per source address (IPv4, or the /64 network of an IPv6 address), whatever e-mail address was
-- tried: one address spraying many accounts is stopped although no single account reaches its own limit. A separate
-- table, so a successful sign-in, which forgets the failures of its e-mail address, does not reset an address's count.
create table login_failures_by_address (
    id        bigint generated always as identity primary key,
    address   varchar(64) not null,
    failed_at timestamp(6) with time zone not null
);
create index login_failures_by_address_by_address on login_failures_by_address (address, failed_at);
