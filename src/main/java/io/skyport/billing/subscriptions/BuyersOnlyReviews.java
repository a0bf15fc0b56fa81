package io.skyport.billing.subscriptions;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.ProductId;
import io.skyport.catalog.ProductReference;
import io.skyport.catalog.ReviewerEligibility;

/**
 * Reviews are for buyers: a customer may review a product once their organisation has, or had, a subscription to it
 * (in any state, a trial included).
 */
@Component
class BuyersOnlyReviews implements ReviewerEligibility {

	private final Subscriptions subscriptions;
	private final Catalog catalog;

	BuyersOnlyReviews(Subscriptions subscriptions, Catalog catalog) {
		this.subscriptions = subscriptions;
		this.catalog = catalog;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> refusal(CurrentUser user, ProductId product) {
		if (subscriptions.existsByOrganisationIdAndProductId(user.organisationId().id(), product.id())) {
			return Optional.empty();
		}
		String name = catalog.productReference(product).map(ProductReference::name).orElse("this product");
		return Optional.of("Only customers who have subscribed to " + name + " can review it.");
	}
}
