package io.skyport.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;
import io.skyport.catalog.PlanId;
import io.skyport.catalog.ProductId;
import io.skyport.platform.money.Money;

/**
 * A subscription as other modules (and invoicing) read it: the plan version and prices frozen at the order, and
 * where it is in its life.
 *
 * @param listPrice the vendor's monthly price of the plan version, before any markup.
 * @param markupPercent the reseller's markup, 0 without a reseller.
 * @param monthlyPrice what the customer pays per month: {@code listPrice} plus the markup, rounded half-up.
 * @param bandwidthPricePerGib the price of each GiB above {@code bandwidthIncludedGib} per month, after the markup.
 * @param trialEndsAt when the trial ends (or ended); {@literal null} for a subscription ordered without a trial.
 * @param keepAfterTrial whether the customer chose to keep the subscription after its trial.
 * @param activatedOn the anniversary day: the day the paid subscription started (the order day, or the trial's end
 * for a kept trial); {@literal null} while in trial or for an expired trial.
 * @param cancelAtPeriodEnd the customer cancelled; it ends on {@code endsOn}.
 * @param endsOn the first day no longer covered (exclusive end), once an end is known.
 * @param stateReason why it was suspended or cancelled by an operator or dunning.
 */
public record SubscriptionSummary(SubscriptionId id, OrderId orderId, OrganisationId organisationId,
		ProductId productId, String productName, OrganisationId vendorId, @Nullable OrganisationId resellerId,
		PlanId planId, int planVersion, String planName, Money listPrice, BigDecimal markupPercent, Money monthlyPrice,
		int bandwidthIncludedGib, Money bandwidthPricePerGib, SubscriptionState state, @Nullable Instant trialEndsAt,
		boolean keepAfterTrial, @Nullable LocalDate activatedOn, boolean cancelAtPeriodEnd, @Nullable LocalDate endsOn,
		@Nullable Instant cancelledAt, @Nullable String stateReason, Instant createdAt) {

	/** The billing period containing {@code day}, or {@literal null} before activation (or for a trial). */
	public @Nullable BillingPeriod periodOn(LocalDate day) {
		return activatedOn == null || day.isBefore(activatedOn) ? null : BillingPeriod.containing(activatedOn, day);
	}
}
