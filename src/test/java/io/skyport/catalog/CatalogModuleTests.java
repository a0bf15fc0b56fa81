package io.skyport.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.MemberRole;
import io.skyport.accounts.OrganisationId;
import io.skyport.accounts.OrganisationType;
import io.skyport.accounts.UserId;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ComputeImages;

/**
 * The catalog with the modules it depends on: the events other modules (storefront caches, billing) rely on.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class CatalogModuleTests {

	@Autowired
	ProductService products;

	@Autowired
	PlanService plans;

	@Autowired
	ComputeImages images;

	@Autowired
	ComputeFixtures computeFixtures;

	private final CurrentUser vendor = new CurrentUser(new UserId(UUID.randomUUID()), new OrganisationId(UUID.randomUUID()),
			OrganisationType.VENDOR, "Module Test Vendor", MemberRole.OWNER, "vendor@example.test", "Vera");

	@Test
	void publishing_a_product_publishes_product_published_for_its_vendor(Scenario scenario) {
		ProductView product = draftWithPlan("Published " + UUID.randomUUID().toString().substring(0, 6));

		scenario.stimulate(() -> products.publish(vendor, product.id()))
			.andWaitForEventOfType(ProductPublished.class)
			.matching(event -> event.productId().id().equals(product.id()))
			.toArriveAndVerify(event -> assertThat(event.vendorId()).isEqualTo(vendor.organisationId()));
	}

	@Test
	void changing_a_plan_publishes_its_new_version_number(Scenario scenario) {
		ProductView product = draftWithPlan("Changed " + UUID.randomUUID().toString().substring(0, 6));
		UUID planId = product.plans().getFirst().id();
		PlanInput bigger = plan(4, "20.00");

		scenario.stimulate(() -> plans.change(vendor, product.id(), planId, bigger))
			.andWaitForEventOfType(PlanChanged.class)
			.matching(event -> event.planId().id().equals(planId) && event.versionNumber() == 2)
			.toArriveAndVerify(event -> assertThat(event.productId().id()).isEqualTo(product.id()));
	}

	@Test
	void withdrawing_a_product_publishes_product_withdrawn(Scenario scenario) {
		ProductView product = draftWithPlan("Withdrawn " + UUID.randomUUID().toString().substring(0, 6));
		products.publish(vendor, product.id());

		scenario.stimulate(() -> products.withdraw(vendor, product.id()))
			.andWaitForEventOfType(ProductWithdrawn.class)
			.matchingMappedValue(event -> event.productId().id(), product.id())
			.toArrive();
	}

	private ProductView draftWithPlan(String name) {
		ProductView product = products.create(vendor, new ProductInput(name, null, "A product for the module test.", "",
				"databases", List.of(), null, null));
		plans.add(vendor, product.id(), plan(1, "5.00"));
		return products.get(vendor, product.id());
	}

	private PlanInput plan(int vcpus, String price) {
		String image = (images.available().isEmpty() ? computeFixtures.image(3) : images.available().getFirst()).id().toString();
		return new PlanInput("Small", vcpus, 1024, 20, null, null, image, new BigDecimal(price), "EUR", 100, BigDecimal.ZERO, 0, null);
	}
}
