package io.skyport.deployer.deployments;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a deployment builds, fixed when it is requested.
 *
 * @param dataDiskGib {@literal null} for a bare VM: no data disk, no configuration step, no phone-home to wait for.
 * @param dataDiskMountPoint where the guest mounts the data disk; {@literal null} exactly when there is none.
 * @param projectId {@literal null} for the organisation's default project.
 */
record ServerSpec(String name, @Nullable String description, List<String> tags, String region, int vcpus,
		long memoryMib, int rootDiskGib, @Nullable Integer dataDiskGib,
		@Nullable String dataDiskMountPoint, UUID imageId, @Nullable UUID projectId,
		List<UUID> sshKeyIds) {

	ServerSpec {
		tags = List.copyOf(tags);
		sshKeyIds = List.copyOf(sshKeyIds);
	}

	boolean isBareVm() {
		return dataDiskGib == null;
	}
}
