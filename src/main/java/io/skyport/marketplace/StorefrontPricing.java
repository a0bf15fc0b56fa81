package io.skyport.marketplace;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.OrganisationId;
import io.skyport.billing.ResellerPrice;
import io.skyport.billing.ResellerPricing;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.catalog.ProductReference;

/**
 * Tells billing a plan's price on a reseller's storefront with the same {@link Markup} the storefront's pages apply,
 * so an order records the price its customer saw. Read from the database, not the storefront directory's copy, so
 * an order never uses a markup older than the latest saved one.
 */
@Component
class StorefrontPricing implements ResellerPricing {

	private final Storefronts storefronts;
	private final Catalog catalog;

	StorefrontPricing(Storefronts storefronts, Catalog catalog) {
		this.storefronts = storefronts;
		this.catalog = catalog;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ResellerPrice> price(String storefrontSlug, PlanSnapshot plan) {
		return storefronts.findBySlug(storefrontSlug).map(storefront -> {
			StorefrontSettings settings = storefront.settings();
			Markup markup = new Markup(settings.markupPercent(), settings.categoryMarkups());
			String category = catalog.productReference(plan.productId()).map(ProductReference::category).orElse("");
			return new ResellerPrice(new OrganisationId(storefront.resellerId()), settings.name(),
					markup.percentFor(category), markup.apply(plan.monthlyPrice(), category),
					markup.apply(plan.bandwidthPricePerGib(), category));
		});
	}
}
