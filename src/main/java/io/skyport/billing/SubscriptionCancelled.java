package io.skyport.billing;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;

/**
 * A subscription ended for good (state {@code CANCELLED}): the deployer tears its server down. Published when the
 * cancellation takes effect — at once for an immediate one, on the period's end for one at period end (announced
 * earlier by {@link SubscriptionCancellationScheduled}).
 *
 * @param effectiveOn the first day no longer covered; for an immediate cancellation the day it happened, whose
 * remaining days invoicing credits.
 * @param reason why, when an operator or dunning cancelled it; {@literal null} when the customer did.
 */
public record SubscriptionCancelled(SubscriptionId subscriptionId, OrganisationId organisationId,
		LocalDate effectiveOn, boolean immediately, @Nullable String reason) {
}
