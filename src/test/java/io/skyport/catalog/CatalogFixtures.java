package io.skyport.catalog;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.stereotype.Component;

import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ImageSummary;

/**
 * Published products for tests of other modules. A test-only bean: autowire it in a {@code @SkyportIntegrationTest}.
 */
@Component
public class CatalogFixtures {

	private final ProductService products;
	private final PlanService plans;
	private final ComputeFixtures compute;
	private volatile ImageSummary image;

	CatalogFixtures(ProductService products, PlanService plans, ComputeFixtures compute) {
		this.products = products;
		this.plans = plans;
		this.compute = compute;
	}

	/** A published product of the vendor with one plan per monthly price given. */
	public PublishedProduct publish(TestUser vendor, String name, String category, String currency, String... prices) {
		ProductView product = products.create(vendor.user(), new ProductInput(name, null,
				"A product made by a test to check the storefront.", "## About\n\nMade by a test.", category,
				List.of("test"), null, null));
		if (image == null) {
			image = compute.image(3);
		}
		String imageId = image.id().id().toString();
		for (int i = 0; i < prices.length; i++) {
			plans.add(vendor.user(), product.id(), new PlanInput("Plan " + (i + 1), i + 1, 1024 * (i + 1), 20, i == 0 ? null : 50, null,
					imageId, new BigDecimal(prices[i]), currency, 1000, new BigDecimal("0.01"), 7, null));
		}
		products.publish(vendor.user(), product.id());
		return new PublishedProduct(new ProductId(product.id()), product.fields().slug());
	}

	/**
	 * A published product of the vendor with one plan of this size (no data disk, €10 a month, a 7-day trial) that
	 * may run in the given regions (none: every region).
	 */
	public PlanSnapshot publishSized(TestUser vendor, String name, int vcpus, int memoryMib, int diskGib,
			List<String> regions) {
		ProductView product = products.create(vendor.user(), new ProductInput(name, null,
				"A product made by a test to check regions.", "## About\n\nMade by a test.", "databases",
				List.of("test"), null, null));
		if (image == null) {
			image = compute.image(3);
		}
		PlanSnapshot plan = plans.add(vendor.user(), product.id(), new PlanInput("Sized", vcpus, memoryMib, diskGib,
				null, null, image.id().id().toString(), new BigDecimal("10.00"), "EUR", 1000, new BigDecimal("0.01"), 7,
				regions));
		products.publish(vendor.user(), product.id());
		return plan;
	}

	public record PublishedProduct(ProductId id, String slug) {
	}

}
