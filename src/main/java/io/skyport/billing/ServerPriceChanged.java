package io.skyport.billing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.UserId;

/**
 * An operator changed an hourly server price (for the audit trail).
 *
 * @param serverType {@literal null} for the rates of custom sizes.
 * @param prices the new prices in words, e.g. "hourly 0.0120".
 */
public record ServerPriceChanged(UserId operator, @Nullable String serverType, String currency, String prices,
		Instant changedAt) {
}
