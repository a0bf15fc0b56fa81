package io.skyport.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.skyport.platform.money.Money;

/**
 * A price per hour, with 4 decimals whatever the currency's minor unit (e.g. EUR 0.0125).
 */
public record HourlyPrice(BigDecimal amount, String currency) {

	/** The hours of an average month (8760 / 12), for showing a monthly price. */
	public static final int HOURS_PER_MONTH = 730;

	public HourlyPrice {
		amount = amount.setScale(4, RoundingMode.HALF_UP);
	}

	/** 730 hours, rounded to the currency's minor unit. */
	public Money monthly() {
		return Money.rounded(amount.multiply(BigDecimal.valueOf(HOURS_PER_MONTH)), currency);
	}

	/** e.g. "EUR 0.0125". */
	public String display() {
		return currency + " " + amount.toPlainString();
	}
}
