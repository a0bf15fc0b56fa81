package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.skyport.platform.money.Money;

/**
 * Daily proration: a part of a period costs {@code price × days / periodDays}, rounded half-up to the currency's minor
 * unit once, on the exact quotient (never on a rounded daily rate). A whole period costs exactly the price.
 */
final class Proration {

	private Proration() {
	}

	/**
	 * @param days the days used (or credited), 0 to {@code periodDays}.
	 * @param periodDays the length of the period, 28 to 31 for monthly billing.
	 */
	static Money of(Money price, long days, long periodDays) {
		if (periodDays <= 0 || days < 0 || days > periodDays) {
			throw new IllegalArgumentException(days + " days of a period of " + periodDays);
		}
		if (days == periodDays) {
			return price;
		}
		BigDecimal exact = price.amount().multiply(BigDecimal.valueOf(days));
		return new Money(exact.divide(BigDecimal.valueOf(periodDays), price.amount().scale(), RoundingMode.HALF_UP),
				price.currency());
	}
}
