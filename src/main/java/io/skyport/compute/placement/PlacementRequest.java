package io.skyport.compute.placement;

import org.jspecify.annotations.Nullable;

import io.skyport.compute.InstanceId;

/**
 * A request to place one instance.
 *
 * @param instanceId the instance the capacity is reserved for; reserving it again returns the same node.
 * @param region where to place it; must be a known region (one with a node or a {@code compute_regions} row).
 * @param vcpus at least 1.
 * @param memoryMib at least 1.
 * @param diskGib root plus data disk, at least 0.
 * @param antiAffinityGroup if set, the instance never shares a node with another instance of this group.
 */
public record PlacementRequest(InstanceId instanceId, String region, int vcpus, long memoryMib, long diskGib,
		@Nullable String antiAffinityGroup) {
}
