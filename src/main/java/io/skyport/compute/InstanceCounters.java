package io.skyport.compute;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;

/**
 * A running instance's cumulative counters as its host reports them (nanoseconds, bytes, operations since the machine
 * started) and its memory now.
 *
 * @param run identifies the machine's current run on its host: when it changes (the machine was started again, or
 * moved), the counters started again from zero.
 * @param subscriptionId the subscription that pays for the instance, if any.
 */
public record InstanceCounters(InstanceId instanceId, String name, OrganisationId ownerId,
		@Nullable UUID subscriptionId, int vcpus, String run, long cpuTimeNanos, long memoryUsedBytes,
		long memoryAvailableBytes, long networkRxBytes, long networkTxBytes, long diskReadBytes, long diskWriteBytes,
		long diskReadOps, long diskWriteOps) {
}
