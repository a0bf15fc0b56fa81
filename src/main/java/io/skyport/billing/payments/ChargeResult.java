package io.skyport.billing.payments;

import org.jspecify.annotations.Nullable;

/**
 * What a gateway did with a charge.
 *
 * @param reference the gateway's reference of the charge (to record with the payment); {@literal null} unless it
 * succeeded.
 * @param message why it was declined, or what the customer has to do for a pending one.
 */
public record ChargeResult(Outcome outcome, @Nullable String reference, String message) {

	public enum Outcome {
		/** The money was taken: record the payment. */
		SUCCEEDED,
		/** Nothing was taken and nothing will be for this request (e.g. the card was declined). */
		DECLINED,
		/** Nothing was taken yet; the money arrives (or not) outside Skyport and an operator confirms it. */
		PENDING
	}
}
