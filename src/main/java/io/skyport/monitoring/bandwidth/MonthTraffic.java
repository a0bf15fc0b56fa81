package io.skyport.monitoring.bandwidth;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.money.Money;

/**
 * What a server transmitted in its current billing period (or the calendar month, without a subscription), against
 * what its plan includes.
 *
 * @param end the first day after the period.
 * @param includedGib the plan's allowance; {@literal null} without a subscription.
 * @param pricePerGib what each GiB above the allowance costs; {@literal null} without a subscription.
 */
public record MonthTraffic(LocalDate start, LocalDate end, long transmittedBytes, @Nullable Integer includedGib,
		@Nullable Money pricePerGib) {

	private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

	public BigDecimal transmittedGib() {
		return BigDecimal.valueOf(transmittedBytes).divide(GIB, 2, RoundingMode.HALF_UP);
	}

	/** Share of the allowance used, 0–100 (capped); 0 without an allowance. */
	public int percentOfAllowance() {
		if (includedGib == null || includedGib == 0) {
			return includedGib != null && transmittedBytes > 0 ? 100 : 0;
		}
		return (int) Math.min(100, transmittedBytes * 100 / (includedGib * (1L << 30)));
	}

	/** GiB above the allowance so far, billed at the end of the period. */
	public BigDecimal excessGib() {
		if (includedGib == null) {
			return BigDecimal.ZERO;
		}
		return transmittedGib().subtract(BigDecimal.valueOf(includedGib)).max(BigDecimal.ZERO);
	}
}
