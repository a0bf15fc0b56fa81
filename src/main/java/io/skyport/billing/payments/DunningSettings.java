package io.skyport.billing.payments;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dunning's configuration ({@code skyport.billing.dunning.*}): days after an unpaid invoice's due date.
 *
 * @param reminderAfter e-mail a reminder.
 * @param suspendAfter suspend the invoice's subscriptions.
 * @param cancelAfter cancel them immediately.
 * @param interval how often the job looks for due steps.
 * @param enabled {@code false}: this server never runs the scheduled job (the admin page and tests still run it by
 *        hand).
 */
@ConfigurationProperties("skyport.billing.dunning")
record DunningSettings(@DefaultValue("7d") Period reminderAfter, @DefaultValue("14d") Period suspendAfter,
		@DefaultValue("30d") Period cancelAfter, @DefaultValue("1h") Duration interval,
		@DefaultValue("true") boolean enabled) {

	DunningSettings {
		if (reminderAfter.getDays() < 0 || suspendAfter.getDays() < reminderAfter.getDays()
				|| cancelAfter.getDays() < suspendAfter.getDays()
				|| reminderAfter.toTotalMonths() != 0 || suspendAfter.toTotalMonths() != 0
				|| cancelAfter.toTotalMonths() != 0) {
			throw new IllegalArgumentException("skyport.billing.dunning: give reminder-after ≤ suspend-after ≤ "
					+ "cancel-after in days, e.g. 7d, 14d, 30d");
		}
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("skyport.billing.dunning.interval must be positive");
		}
	}

	/** The days after the due date at which a step is due. */
	int daysFor(DunningStep step) {
		return switch (step) {
			case REMINDER -> reminderAfter.getDays();
			case SUSPEND -> suspendAfter.getDays();
			case CANCEL -> cancelAfter.getDays();
		};
	}
}
