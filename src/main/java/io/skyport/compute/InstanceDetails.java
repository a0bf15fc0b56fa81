package io.skyport.compute;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;

/**
 * An instance as its owner, operators and other modules see it.
 *
 * @param dataDiskMountPoint where the guest mounts the data disk; {@literal null} without one.
 * @param addresses the guest's addresses as last reported: by its node's DHCP leases at a start or when it phoned
 * home, or else the address it phoned home from.
 * @param stateReason why it is in {@code ERROR} (or another note on its state), if anything.
 * @param configuredAt when the guest phoned home after reading its cloud-init configuration.
 * @param deploymentId the deployment that owns the instance, if any.
 * @param subscriptionId the subscription that deployment serves, if any.
 */
public record InstanceDetails(InstanceId id, OrganisationId ownerId, ProjectId projectId, String projectName,
		String name, @Nullable String description, List<String> tags, String region, int vcpus, long memoryMib,
		int rootDiskGib, @Nullable Integer dataDiskGib, @Nullable String dataDiskMountPoint, ImageId imageId,
		String imageName, InstanceState state, @Nullable String stateReason, @Nullable NodeId nodeId,
		@Nullable String nodeName, List<String> addresses, @Nullable Instant configuredAt, Instant createdAt,
		Instant updatedAt, @Nullable UUID deploymentId, @Nullable UUID subscriptionId) {
}
