package io.skyport.billing;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;
import io.skyport.accounts.UserId;
import io.skyport.catalog.PlanId;
import io.skyport.catalog.ProductId;
import io.skyport.platform.money.Money;

/**
 * A customer ordered a plan (a paid subscription or a free trial). Always followed, in the same transaction, by
 * {@link SubscriptionActivated} for {@code subscriptionId}.
 *
 * @param monthlyPrice what the customer pays per month after any reseller markup (also for a trial: the price after
 * it).
 * @param resellerId the reseller whose storefront took the order, or {@literal null} for the operator's storefront.
 */
public record OrderPlaced(OrderId orderId, SubscriptionId subscriptionId, OrganisationId organisationId,
		UserId orderedBy, ProductId productId, PlanId planId, int planVersion, boolean trial, Money monthlyPrice,
		@Nullable OrganisationId resellerId) {
}
