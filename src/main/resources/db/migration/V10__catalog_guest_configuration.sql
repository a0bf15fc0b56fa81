-- A vendor's cloud-init configuration (#cloud-config YAML) that Skyport merges into the user-data of the product's VMs.
alter table products add column guest_configuration text check (octet_length(guest_configuration) <= 16384);
