package io.skyport.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One hour of one metric of one instance, as measured by monitoring. The key is {@code (instanceId, metric, hour)}.
 *
 * @param subscriptionId the subscription the instance belongs to, which pays for it.
 * @param metric {@value #BANDWIDTH} (GiB the server transmitted; monitoring sends it hourly) is the only
 * metric billed today.
 * @param hour the start of the hour (UTC), e.g. {@code 2026-11-23T14:00:00Z}.
 * @param quantity the amount in the metric's unit, at least 0, at most 6 decimals.
 */
public record UsageRecord(UUID subscriptionId, UUID instanceId, String metric, Instant hour, BigDecimal quantity) {

	/** Bandwidth in GiB; above the plan's allowance per period it is billed at the plan's price per GiB. */
	public static final String BANDWIDTH = "bandwidth";
}
