package io.skyport.monitoring.samples;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A sampled instance or node as it was last sampled.
 *
 * @param ownerOrganisationId the organisation owning an instance; {@literal null} for a node.
 * @param nodeId an instance's node, or the node itself.
 */
public record SubjectInfo(SubjectKind kind, UUID id, String name, @Nullable UUID ownerOrganisationId,
		@Nullable UUID nodeId, String region, Instant lastSampledAt) {
}
