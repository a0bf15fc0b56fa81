package io.skyport.catalog;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Keeps the storefront's "from" price (the cheapest plan on sale) on the product, so listings need one query.
 * Called in the transaction of every change to a product's plans.
 */
@Component
class ProductPricing {

	private final Plans plans;
	private final Products products;

	ProductPricing(Plans plans, Products products) {
		this.plans = plans;
		this.products = products;
	}

	void refresh(Product product) {
		Optional<Plan> cheapest = plans.findByProductIdOrderByPosition(product.id()).stream()
			.filter(plan -> !plan.archived())
			.min(Comparator.comparing(plan -> plan.spec().monthlyPrice()));
		BigDecimal price = cheapest.map(plan -> plan.spec().monthlyPrice()).orElse(null);
		product.recordLowestPrice(price, cheapest.map(plan -> plan.spec().currency()).orElse(null));
		products.save(product);
	}
}
