package io.skyport.billing;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Hourly prices of direct servers, set by operators: a price per server type, and rates per vCPU-hour, GiB-RAM-hour
 * and GiB-disk-hour for custom sizes. Prices keep their history, so an hour is priced as it was then.
 */
public interface ServerPricing {

	/**
	 * The hourly price in force at {@code at}: the type's price for a server of a type, the custom rates applied to
	 * the size otherwise (rounded half-up to 4 decimals).
	 *
	 * @param diskGib root plus data disk.
	 * @return empty if no price was in force then.
	 */
	Optional<HourlyPrice> hourlyPrice(@Nullable String serverType, int vcpus, long memoryMib, long diskGib, Instant at);

}
