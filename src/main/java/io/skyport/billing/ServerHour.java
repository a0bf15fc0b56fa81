package io.skyport.billing;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;

/**
 * One hour (or started hour) in which a direct server existed, billed to its organisation in arrears. Billing prices
 * it by {@link ServerPricing} at that hour. The key is {@code (instanceId, hour)}.
 *
 * @param hour the start of the hour (UTC).
 * @param serverType the type it was ordered as, {@literal null} for a custom size.
 * @param diskGib root plus data disk.
 */
public record ServerHour(OrganisationId organisationId, UUID instanceId, Instant hour, String serverName,
		@Nullable String serverType, int vcpus, long memoryMib, long diskGib) {
}
