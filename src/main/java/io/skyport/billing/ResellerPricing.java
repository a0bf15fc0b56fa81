package io.skyport.billing;

import java.util.Optional;

import io.skyport.catalog.PlanSnapshot;

/**
 * The price of a plan on a reseller's storefront, contributed by the module that owns storefronts (marketplace), so
 * billing records exactly the price the storefront shows without depending on it. Without such a bean, every
 * storefront is unknown to billing.
 */
public interface ResellerPricing {

	/**
	 * @param storefrontSlug the storefront's address, as in {@code /m/<slug>}.
	 * @return the reseller and their price for the plan, or empty if no storefront has this slug.
	 */
	Optional<ResellerPrice> price(String storefrontSlug, PlanSnapshot plan);
}
