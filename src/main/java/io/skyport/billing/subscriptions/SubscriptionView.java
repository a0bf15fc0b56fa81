package io.skyport.billing.subscriptions;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.billing.SubscriptionState;
import io.skyport.platform.money.Money;

/**
 * A subscription as the API and pages show it to one viewer. Prices depend on who looks: the customer sees what they
 * pay, the vendor their list price, resellers and operators both and the markup; what a viewer may not see is
 * {@literal null}.
 *
 * @param orderedAsTrial the order started a trial (the subscription may be active since).
 * @param periodStart the current billing period's first day, while the subscription is active or suspended.
 * @param periodEnd the current period's exclusive end: the next renewal, or the end of a cancelled one.
 */
record SubscriptionView(UUID id, UUID orderId, UUID customerId, @Nullable String customerName, UUID productId,
		String productName, UUID planId, int planVersion, String planName, SubscriptionState state,
		boolean orderedAsTrial, @Nullable Money monthlyPrice, @Nullable Money listPrice,
		@Nullable BigDecimal markupPercent, int bandwidthIncludedGib, @Nullable Money bandwidthPricePerGib,
		@Nullable String storefront, @Nullable Instant trialEndsAt, boolean keepAfterTrial,
		@Nullable LocalDate activatedOn, @Nullable LocalDate periodStart, @Nullable LocalDate periodEnd,
		boolean cancelAtPeriodEnd, @Nullable LocalDate endsOn, @Nullable Instant cancelledAt,
		@Nullable String stateReason, Instant createdAt) {

	public boolean inTrial() {
		return state == SubscriptionState.TRIAL;
	}

	public boolean live() {
		return state.isLive();
	}

	/** Whether the customer can still cancel at period end (a trial or an immediate cancellation always can). */
	public boolean cancellableAtPeriodEnd() {
		return (state == SubscriptionState.ACTIVE || state == SubscriptionState.SUSPENDED) && !cancelAtPeriodEnd;
	}

	/** The price to show in lists: the customer's, else the vendor's. */
	public @Nullable Money shownPrice() {
		return monthlyPrice != null ? monthlyPrice : listPrice;
	}

	public String stateLabel() {
		return switch (state) {
			case TRIAL -> "Trial";
			case ACTIVE -> cancelAtPeriodEnd ? "Active, ends " + endsOn : "Active";
			case SUSPENDED -> "Suspended";
			case CANCELLED -> "Cancelled";
			case EXPIRED -> "Trial expired";
		};
	}
}
