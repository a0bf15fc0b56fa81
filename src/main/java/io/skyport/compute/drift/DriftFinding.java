package io.skyport.compute.drift;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One thing a node's inventory and Skyport's instances disagree about, as operators see it.
 *
 * @param kind {@code ORPHAN_MACHINE}, {@code ORPHAN_VOLUME}, {@code FOREIGN_MACHINE}, {@code FOREIGN_VOLUME},
 *        {@code MISSING_MACHINE} or {@code STUCK}.
 * @param nodeId the node, or {@code null} for a stuck instance that was never placed.
 * @param node the node's name, or {@code null} like {@code nodeId}.
 * @param name the machine's or volume's name on the host (for {@code STUCK} and {@code MISSING_MACHINE}, the
 *        instance's machine name).
 * @param instanceId the instance concerned, or the one a Skyport name derives from; {@code null} for foreign items.
 * @param firstSeenAt the first round that found it (unbroken since).
 * @param lastSeenAt the latest round that found it.
 * @param detail what is wrong, in words.
 */
record DriftFinding(DriftKind kind, @Nullable UUID nodeId, @Nullable String node, String name,
		@Nullable UUID instanceId, Instant firstSeenAt, Instant lastSeenAt, String detail) {
}
