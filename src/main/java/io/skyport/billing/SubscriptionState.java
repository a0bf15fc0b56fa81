package io.skyport.billing;

/**
 * Where a subscription is in its life: {@code TRIAL → ACTIVE}, {@code TRIAL → EXPIRED},
 * {@code ACTIVE → SUSPENDED → ACTIVE}, and {@code TRIAL | ACTIVE | SUSPENDED → CANCELLED}. {@code CANCELLED} and
 * {@code EXPIRED} are final.
 */
public enum SubscriptionState {

	/** Free until the trial ends; then ACTIVE if the customer chose to keep it, else EXPIRED. */
	TRIAL,
	/** Paid monthly in advance from the activation day. */
	ACTIVE,
	/** Stopped for non-payment (dunning); billing and the server are on hold until it is resumed. */
	SUSPENDED,
	/** Ended by the customer or an operator (or by dunning); final. */
	CANCELLED,
	/** A trial that ended without being kept; final. */
	EXPIRED;

	/** Whether the subscription still runs (a server exists for it). */
	public boolean isLive() {
		return this == TRIAL || this == ACTIVE || this == SUSPENDED;
	}
}
