package io.skyport.monitoring.samples;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One sample of an instance: its memory now, and what its counters grew by over the {@code seconds} before
 * {@code sampledAt}.
 *
 * @param cpuPercent CPU time used over those seconds, as a share of its virtual CPUs (0–100); {@literal null} for
 *        the first sample of a run, whose start is not known.
 */
public record InstanceSample(UUID instanceId, Instant sampledAt, double seconds, @Nullable Double cpuPercent,
		long memoryUsed, long memoryAvailable, Counters growth) {
}
