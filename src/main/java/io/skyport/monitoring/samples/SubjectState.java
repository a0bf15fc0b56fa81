package io.skyport.monitoring.samples;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A subject as last sampled, with the counters of that sample, from which the next sample's growth is measured.
 *
 * @param run the machine run the counters belong to ({@literal null} for nodes).
 * @param vcpus an instance's virtual CPUs, or a node's CPUs.
 */
public record SubjectState(SubjectKind kind, UUID id, String name, @Nullable UUID ownerId,
		@Nullable UUID subscriptionId, @Nullable UUID nodeId, String region, int vcpus, @Nullable String run,
		Instant sampledAt, Counters counters) {
}
