package io.skyport.billing;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * One month of anniversary billing, {@code [start, end)}: periods count from the activation day, each starting on
 * {@code activatedOn.plusMonths(n)} (so a subscription activated on 31 January has periods starting 28/29 February,
 * 31 March, 30 April…: the anchor day is kept, never drifts).
 *
 * @param end exclusive: the first day of the next period.
 */
public record BillingPeriod(LocalDate start, LocalDate end) {

	public BillingPeriod {
		if (!end.isAfter(start)) {
			throw new IllegalArgumentException("A period ends after it starts: " + start + " to " + end);
		}
	}

	/**
	 * The period of a subscription activated on {@code anchor} that contains {@code day}.
	 *
	 * @throws IllegalArgumentException if {@code day} is before the anchor.
	 */
	public static BillingPeriod containing(LocalDate anchor, LocalDate day) {
		if (day.isBefore(anchor)) {
			throw new IllegalArgumentException(day + " is before the activation day " + anchor);
		}
		long months = ChronoUnit.MONTHS.between(anchor, day);
		if (anchor.plusMonths(months).isAfter(day)) {
			months--;
		}
		while (!anchor.plusMonths(months + 1).isAfter(day)) {
			months++;
		}
		return new BillingPeriod(anchor.plusMonths(months), anchor.plusMonths(months + 1));
	}

	/** The number of days in the period (28–31), the denominator of daily proration. */
	public long days() {
		return ChronoUnit.DAYS.between(start, end);
	}

	public boolean contains(LocalDate day) {
		return !day.isBefore(start) && day.isBefore(end);
	}
}
