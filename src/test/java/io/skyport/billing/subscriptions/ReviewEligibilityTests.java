package io.skyport.billing.subscriptions;

import static io.skyport.billing.subscriptions.BillingApi.billingDetails;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.catalog.CatalogFixtures.PublishedProduct;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reviews are for buyers: a customer reviews a product only once their organisation subscribed to it — a trial
 * counts, and so does a subscription that has ended.
 */
@SkyportIntegrationTest
class ReviewEligibilityTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	CatalogFixtures catalogFixtures;

	@Autowired
	Catalog catalog;

	@Autowired
	SubscriptionLifecycle lifecycle;

	@Test
	void a_customer_reviews_only_what_their_organisation_subscribed_to_even_after_it_ended() {
		BillingApi api = new BillingApi(mvc, json);
		String name = OrderApiTests.unique("Reviewed");
		PublishedProduct product = catalogFixtures.publish(accounts.vendor(), name, "monitoring", "EUR", "4");
		PlanSnapshot plan = catalog.publishedProduct(product.id()).orElseThrow().plans().getFirst();
		TestUser customer = accounts.customer();
		String reviews = "/api/v1/products/" + product.id() + "/reviews";

		assertThat(api.send("POST", reviews, Map.of("rating", 5, "comment", "Sight unseen"), customer)).hasStatus(403)
			.bodyJson().extractingPath("$.detail").isEqualTo("Only customers who have subscribed to " + name + " can review it.");

		api.send("PUT", "/api/v1/billing/account", billingDetails("Reviewer Ltd"), customer);
		UUID trial = api.subscribe(customer, plan.planId(), true);
		lifecycle.runDue(Instant.parse(BillingApi.json(api.get("/api/v1/subscriptions/" + trial, customer))
			.text("$.trialEndsAt")));
		assertThat(BillingApi.json(api.get("/api/v1/subscriptions/" + trial, customer)).text("$.state"))
			.isEqualTo("EXPIRED");

		assertThat(api.send("POST", reviews, Map.of("rating", 4, "comment", "Tried it for a week"), customer))
			.hasStatus(201);
		assertThat(api.send("POST", reviews, Map.of("rating", 3), accounts.customer())).hasStatus(403);
	}
}
