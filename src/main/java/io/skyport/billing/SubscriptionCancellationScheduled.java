package io.skyport.billing;

import java.time.LocalDate;

import io.skyport.accounts.OrganisationId;

/**
 * The customer cancelled at the end of the current period: the subscription keeps running (and is not billed again)
 * until {@code endsOn}, when {@link SubscriptionCancelled} follows.
 *
 * @param endsOn the end of the current period, the first day no longer covered.
 */
public record SubscriptionCancellationScheduled(SubscriptionId subscriptionId, OrganisationId organisationId,
		LocalDate endsOn) {
}
