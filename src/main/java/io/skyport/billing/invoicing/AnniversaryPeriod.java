package io.skyport.billing.invoicing;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * One month of anniversary billing, {@code [start, end)}. The n-th period of a subscription activated on
 * {@code anchor} starts on {@code anchor.plusMonths(n)}: the anchor's day of the month, or the month's last day when
 * the month is shorter (an anchor on the 31st bills on 28/29 February, 31 March, 30 April, 31 May…). The day is
 * always derived from the anchor, never from the previous period, so it never drifts. Periods are contiguous, so
 * anniversary billing has no partial first period.
 *
 * @param end exclusive: the first day of the next period.
 */
record AnniversaryPeriod(LocalDate start, LocalDate end) {

	AnniversaryPeriod {
		if (!end.isAfter(start)) {
			throw new IllegalArgumentException("A period ends after it starts: " + start + " to " + end);
		}
	}

	/** The {@code n}-th period (from 0) of a subscription activated on {@code anchor}. */
	static AnniversaryPeriod nth(LocalDate anchor, long n) {
		if (n < 0) {
			throw new IllegalArgumentException("Periods count from 0, not " + n);
		}
		return new AnniversaryPeriod(anchor.plusMonths(n), anchor.plusMonths(n + 1));
	}

	/**
	 * The period of a subscription activated on {@code anchor} that contains {@code day}.
	 *
	 * @throws IllegalArgumentException if {@code day} is before the anchor.
	 */
	static AnniversaryPeriod containing(LocalDate anchor, LocalDate day) {
		if (day.isBefore(anchor)) {
			throw new IllegalArgumentException(day + " is before the activation day " + anchor);
		}
		long n = ChronoUnit.MONTHS.between(anchor, day);
		while (n > 0 && anchor.plusMonths(n).isAfter(day)) {
			n--;
		}
		while (!anchor.plusMonths(n + 1).isAfter(day)) {
			n++;
		}
		return nth(anchor, n);
	}

	/** The period that follows this one. */
	AnniversaryPeriod next(LocalDate anchor) {
		return containing(anchor, end);
	}

	/** Its length in days (28–31): the denominator of daily proration. */
	long days() {
		return ChronoUnit.DAYS.between(start, end);
	}

	boolean contains(LocalDate day) {
		return !day.isBefore(start) && day.isBefore(end);
	}

	/** The days of this period before {@code until} (exclusive), between 0 and {@link #days()}. */
	long daysBefore(LocalDate until) {
		if (!until.isAfter(start)) {
			return 0;
		}
		return until.isBefore(end) ? ChronoUnit.DAYS.between(start, until) : days();
	}
}
