package io.skyport.billing.payments;

/** The steps of dunning, in the order they are taken. */
public enum DunningStep {
	/** E-mail a reminder. */
	REMINDER,
	/** Suspend the invoice's subscriptions, and e-mail. */
	SUSPEND,
	/** Cancel them immediately, and e-mail. */
	CANCEL;

	/** The e-mail template, {@code templates/email/<name>.html|.txt}. */
	String template() {
		return switch (this) {
			case REMINDER -> "dunning-reminder";
			case SUSPEND -> "dunning-suspended";
			case CANCEL -> "dunning-cancelled";
		};
	}
}
