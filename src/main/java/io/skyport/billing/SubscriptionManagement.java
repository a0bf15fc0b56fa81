package io.skyport.billing;

import java.util.Optional;

import io.skyport.accounts.OrganisationId;
import io.skyport.catalog.ProductId;

/**
 * Subscriptions for other parts of Skyport: invoicing's dunning (suspend, resume, cancel) and look-ups. No caller
 * checks here: the caller is trusted code acting for the platform. Each change is one transaction that publishes its
 * event ({@link SubscriptionSuspended}, {@link SubscriptionResumed}, {@link SubscriptionCancelled}) with it.
 * <p>
 * The changes are safe to repeat (an event listener retried by the publication registry): asking for the state a
 * subscription is already in changes nothing and returns {@code false}.
 */
public interface SubscriptionManagement {

	Optional<SubscriptionSummary> subscription(SubscriptionId id);

	/**
	 * {@code ACTIVE → SUSPENDED}.
	 *
	 * @param reason shown to the customer, e.g. "Invoice SKY-2026-000123 is 14 days overdue."
	 * @return {@code false} if it was suspended already.
	 * @throws io.skyport.platform.errors.NotFoundException for an unknown subscription.
	 * @throws io.skyport.platform.errors.ConflictException in any other state (a trial, or an ended subscription).
	 */
	boolean suspend(SubscriptionId id, String reason);

	/**
	 * {@code SUSPENDED → ACTIVE}; the anniversary day does not move.
	 *
	 * @return {@code false} if it was active already.
	 * @throws io.skyport.platform.errors.ConflictException in any other state.
	 */
	boolean resume(SubscriptionId id);

	/**
	 * {@code TRIAL | ACTIVE | SUSPENDED → CANCELLED} today ({@code endsOn} = today): the remaining days of the period
	 * are for invoicing to credit.
	 *
	 * @param reason shown to the customer, e.g. "Invoice SKY-2026-000123 is 30 days overdue."
	 * @return {@code false} if it was cancelled already.
	 * @throws io.skyport.platform.errors.ConflictException for an expired trial.
	 */
	boolean cancelImmediately(SubscriptionId id, String reason);

	/** Whether the organisation has, or ever had, a subscription (trials included) to the product. */
	boolean hasSubscribed(OrganisationId organisationId, ProductId productId);
}
