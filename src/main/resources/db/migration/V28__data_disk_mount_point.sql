-- Where the guest mounts its data disk: chosen per plan by the vendor (or per direct server), copied into each plan
-- version, deployment, instance and data-source seed. Present exactly when there is a data disk; what existed so far
-- was mounted at /data. The rules (absolute, no system directory, ...) live in compute's DataDiskMountPoints.
alter table plans add column data_disk_mount_point varchar(128);
update plans set data_disk_mount_point = '/data' where data_disk_gib is not null;
alter table plans add constraint plans_data_disk_mount_point
	check ((data_disk_gib is null) = (data_disk_mount_point is null) and data_disk_mount_point like '/%');

alter table plan_versions add column data_disk_mount_point varchar(128);
update plan_versions set data_disk_mount_point = '/data' where data_disk_gib is not null;

alter table deployments add column data_disk_mount_point varchar(128);
update deployments set data_disk_mount_point = '/data' where data_disk_gib is not null;

alter table compute_instances add column data_disk_mount_point varchar(128);
update compute_instances set data_disk_mount_point = '/data' where data_disk_gib is not null;

alter table compute_nocloud_seeds add column data_disk_mount_point varchar(128);
update compute_nocloud_seeds set data_disk_mount_point = '/data' where data_disk_gib is not null;
