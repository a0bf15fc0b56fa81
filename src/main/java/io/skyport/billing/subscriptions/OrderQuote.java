package io.skyport.billing.subscriptions;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;
import io.skyport.catalog.PlanId;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.catalog.ProductId;
import io.skyport.platform.money.Money;

/**
 * The price of a plan as the customer sees it where they order (a reseller's storefront or the operator's): what the
 * order page shows and exactly what the order records.
 *
 * @param plan the plan's current version.
 * @param storefrontSlug {@literal null} on the operator's storefront.
 */
record OrderQuote(PlanSnapshot plan, OrganisationId vendorId, String vendorName, String productSlug,
		Money listPrice, BigDecimal markupPercent, Money monthlyPrice, Money bandwidthPricePerGib,
		@Nullable OrganisationId resellerId, @Nullable String storefrontSlug, @Nullable String storefrontName) {

	public ProductId productId() {
		return plan.productId();
	}

	public String productName() {
		return plan.productName();
	}

	public PlanId planId() {
		return plan.planId();
	}

	public int planVersion() {
		return plan.versionNumber();
	}

	public String planName() {
		return plan.name();
	}

	public int bandwidthIncludedGib() {
		return plan.bandwidthIncludedGib();
	}

	public int trialDays() {
		return plan.trialDays();
	}

	public boolean hasTrial() {
		return plan.trialDays() > 0;
	}
}
