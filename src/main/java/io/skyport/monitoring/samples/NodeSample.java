package io.skyport.monitoring.samples;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One sample of a node.
 *
 * @param cpuPercent the CPU time its running instances used over the {@code seconds} before the sample, as a share of
 *        all its CPUs; {@literal null} when it cannot be known (first sample).
 */
public record NodeSample(UUID nodeId, Instant sampledAt, double seconds, @Nullable Double cpuPercent, int cpus,
		long memoryBytes, long memoryFree, long poolBytes, long poolFree, int domains) {
}
