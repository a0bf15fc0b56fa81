package io.skyport.billing.subscriptions;

import static io.skyport.billing.subscriptions.BillingApi.billingDetails;
import static io.skyport.billing.subscriptions.BillingApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.SubscriptionId;
import io.skyport.billing.SubscriptionManagement;
import io.skyport.billing.SubscriptionState;
import io.skyport.billing.subscriptions.BillingApi.Json;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.catalog.CatalogFixtures.PublishedProduct;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.platform.errors.ConflictException;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscriptions after the order: trials kept or expired at their end, cancellation at period end or at once, dunning
 * through {@link SubscriptionManagement}, and who sees which subscription. Time moves by running the lifecycle job
 * with an explicit {@code now}.
 */
@SkyportIntegrationTest
class SubscriptionApiTests {

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

	@Autowired
	SubscriptionManagement management;

	@Autowired
	Clock clock;

	BillingApi api;
	TestUser vendor;
	TestUser customer;
	PublishedProduct product;
	PlanSnapshot plan;

	@BeforeEach
	void customerAndProduct() {
		api = new BillingApi(mvc, json);
		vendor = accounts.vendor();
		customer = customer();
		product = catalogFixtures.publish(vendor, OrderApiTests.unique("Subscribed"), "databases", "EUR", "10");
		plan = catalog.publishedProduct(product.id()).orElseThrow().plans().getFirst();
	}

	@Test
	void a_kept_trial_becomes_active_at_its_end_and_its_anniversary_is_that_day() {
		UUID id = api.subscribe(customer, plan.planId(), true);
		Json trial = subscription(id, customer);
		assertThat(trial.text("$.state")).isEqualTo("TRIAL");
		Instant end = Instant.parse(trial.text("$.trialEndsAt"));
		assertThat(end).isEqualTo(subscriptionCreated(trial).plusSeconds(7L * 24 * 3600));

		assertThat(api.send("POST", "/api/v1/subscriptions/" + id + "/keep", null, customer)).hasStatusOk();
		assertThat(api.send("POST", "/api/v1/subscriptions/" + id + "/keep", null, accounts.customer())).hasStatus(404);
		lifecycle.runDue(end.minusSeconds(1));
		assertThat(subscription(id, customer).text("$.state")).isEqualTo("TRIAL");

		lifecycle.runDue(end);

		Json active = subscription(id, customer);
		assertThat(active.text("$.state")).isEqualTo("ACTIVE");
		assertThat(active.text("$.activatedOn")).isEqualTo(LocalDate.ofInstant(end, ZoneOffset.UTC).toString());
		assertThat(active.<Boolean>read("$.orderedAsTrial")).isTrue();
		assertThat(api.send("DELETE", "/api/v1/subscriptions/" + id + "/keep", null, customer)).hasStatus(409)
			.bodyJson().extractingPath("$.detail").isEqualTo("Only a trial can be kept or let go; this subscription is active.");
	}

	@Test
	void a_trial_not_kept_expires_at_its_end_also_after_the_customer_changed_their_mind() {
		UUID kept = api.subscribe(customer, plan.planId(), true);
		Instant end = Instant.parse(subscription(kept, customer).text("$.trialEndsAt"));
		assertThat(api.send("POST", "/api/v1/subscriptions/" + kept + "/keep", null, customer)).hasStatusOk();
		assertThat(api.send("DELETE", "/api/v1/subscriptions/" + kept + "/keep", null, customer)).hasStatusOk()
			.bodyJson().extractingPath("$.keepAfterTrial").isEqualTo(false);

		lifecycle.runDue(end.plusSeconds(60));

		Json expired = subscription(kept, customer);
		assertThat(expired.text("$.state")).isEqualTo("EXPIRED");
		assertThat(expired.text("$.endsOn")).isEqualTo(LocalDate.ofInstant(end, ZoneOffset.UTC).toString());
		assertThat(api.send("POST", "/api/v1/subscriptions/" + kept + "/cancel", null, customer)).hasStatus(409)
			.bodyJson().extractingPath("$.detail").asString().startsWith("The subscription has already ended (expired since");
	}

	@Test
	void a_cancellation_at_period_end_runs_until_the_next_anniversary() {
		UUID id = api.subscribe(customer, plan.planId(), false);
		LocalDate today = LocalDate.now(clock);

		Json cancelled = json(api.send("POST", "/api/v1/subscriptions/" + id + "/cancel", null, customer));

		assertThat(cancelled.text("$.state")).isEqualTo("ACTIVE");
		assertThat(cancelled.<Boolean>read("$.cancelAtPeriodEnd")).isTrue();
		LocalDate endsOn = today.plusMonths(1);
		assertThat(cancelled.text("$.endsOn")).isEqualTo(endsOn.toString());
		assertThat(api.send("POST", "/api/v1/subscriptions/" + id + "/cancel", null, customer)).hasStatus(409)
			.bodyJson().extractingPath("$.detail").asString().startsWith("The subscription is already cancelled; it ends on");

		Instant lastMoment = endsOn.atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
		lifecycle.runDue(lastMoment);
		assertThat(subscription(id, customer).text("$.state")).isEqualTo("ACTIVE");
		lifecycle.runDue(lastMoment.plusSeconds(1));
		Json ended = subscription(id, customer);
		assertThat(ended.text("$.state")).isEqualTo("CANCELLED");
		assertThat(ended.text("$.endsOn")).isEqualTo(endsOn.toString());
	}

	@Test
	void an_immediate_cancellation_ends_it_today_by_parameter_or_body() {
		UUID byParameter = api.subscribe(customer, plan.planId(), false);
		UUID byBody = api.subscribe(customer, plan.planId(), false);
		String today = LocalDate.now(clock).toString();

		Json first = json(api.send("POST", "/api/v1/subscriptions/" + byParameter + "/cancel?immediately=true", null,
				customer));
		Json second = json(api.send("POST", "/api/v1/subscriptions/" + byBody + "/cancel", Map.of("immediately", true),
				customer));

		for (Json cancelled : List.of(first, second)) {
			assertThat(cancelled.text("$.state")).isEqualTo("CANCELLED");
			assertThat(cancelled.text("$.endsOn")).isEqualTo(today);
			assertThat(cancelled.text("$.cancelledAt")).isNotBlank();
		}
		assertThat(api.send("POST", "/api/v1/subscriptions/" + byBody + "/cancel?immediately=true", null, customer))
			.hasStatus(409);
	}

	@Test
	void another_customers_subscription_is_not_found_and_only_the_customer_cancels() {
		UUID id = api.subscribe(customer, plan.planId(), false);
		TestUser stranger = customer();

		assertThat(api.get("/api/v1/subscriptions/" + id, stranger)).hasStatus(404);
		assertThat(api.send("POST", "/api/v1/subscriptions/" + id + "/cancel?immediately=true", null, stranger))
			.hasStatus(404);
		assertThat(api.get("/api/v1/subscriptions", stranger)).bodyJson().extractingPath("$.total").isEqualTo(0);
		assertThat(api.send("POST", "/api/v1/subscriptions/" + id + "/cancel", null, vendor)).hasStatus(403)
			.bodyJson().extractingPath("$.detail").isEqualTo("Only the customer (or an operator) can cancel a subscription.");
		assertThat(api.get("/api/v1/subscriptions/" + UUID.randomUUID(), customer)).hasStatus(404);
		assertThat(subscription(id, customer).text("$.state")).isEqualTo("ACTIVE");
	}

	@Test
	void vendors_see_subscriptions_to_their_products_resellers_those_on_their_storefront_operators_all() {
		TestUser reseller = accounts.reseller();
		String slug = "scope-" + UUID.randomUUID().toString().substring(0, 8);
		api.send("PUT", "/api/v1/reseller/storefront", Map.of("slug", slug, "name", "Scope Cloud", "primaryColour",
				"#0f766e", "accentColour", "#b45309", "markupPercent", 10), reseller);
		UUID direct = api.subscribe(customer, plan.planId(), false);
		UUID resold = UUID.fromString(BillingApi.read(api.order(customer, plan.planId(), false, slug, List.of()),
				"$.subscriptionId"));
		TestUser otherVendor = accounts.vendor();

		Json vendorView = json(api.get("/api/v1/subscriptions?size=200", vendor));
		assertThat(vendorView.<List<String>>read("$.subscriptions[*].id")).containsExactlyInAnyOrder(direct.toString(),
				resold.toString());
		assertThat(vendorView.<List<Object>>read("$.subscriptions[*].monthlyPrice")).isEmpty();
		assertThat(vendorView.<List<Double>>read("$.subscriptions[*].listPrice")).containsOnly(10.0);
		assertThat(vendorView.<List<String>>read("$.subscriptions[*].customerName")).containsOnly("Example Ltd");
		assertThat(api.get("/api/v1/subscriptions/" + direct, otherVendor)).hasStatus(404);
		assertThat(json(api.get("/api/v1/subscriptions", otherVendor)).<List<String>>read("$.subscriptions[*].id"))
			.doesNotContain(direct.toString());

		Json resellerView = json(api.get("/api/v1/subscriptions", reseller));
		assertThat(resellerView.<List<String>>read("$.subscriptions[*].id")).containsExactly(resold.toString());
		assertThat(resellerView.number("$.subscriptions[0].monthlyPrice")).isEqualByComparingTo("11.00");
		assertThat(resellerView.number("$.subscriptions[0].listPrice")).isEqualByComparingTo("10.00");
		assertThat(resellerView.number("$.subscriptions[0].markupPercent")).isEqualByComparingTo("10");
		assertThat(api.get("/api/v1/subscriptions/" + direct, reseller)).hasStatus(404);

		Json customerView = json(api.get("/api/v1/subscriptions?state=active", customer));
		assertThat(customerView.<Integer>read("$.total")).isEqualTo(2);
		assertThat(customerView.<List<Object>>read("$.subscriptions[*].listPrice")).isEmpty();
		assertThat(customerView.<List<Object>>read("$.subscriptions[*].markupPercent")).isEmpty();
		assertThat(api.get("/api/v1/subscriptions?state=sleeping", customer)).hasStatus(400);

		assertThat(subscription(direct, accounts.operator()).text("$.customerId"))
			.isEqualTo(customer.user().organisationId().toString());
	}

	@Test
	void dunning_suspends_resumes_and_cancels_through_the_module_api_and_repeats_safely() {
		SubscriptionId id = new SubscriptionId(api.subscribe(customer, plan.planId(), false));

		assertThat(management.suspend(id, "Invoice SKY-2026-000001 is 14 days overdue.")).isTrue();
		assertThat(management.suspend(id, "again")).isFalse();
		Json suspended = subscription(id.id(), customer);
		assertThat(suspended.text("$.state")).isEqualTo("SUSPENDED");
		assertThat(suspended.text("$.stateReason")).isEqualTo("Invoice SKY-2026-000001 is 14 days overdue.");

		assertThat(management.resume(id)).isTrue();
		assertThat(management.resume(id)).isFalse();
		assertThat(management.subscription(id).orElseThrow().state()).isEqualTo(SubscriptionState.ACTIVE);

		assertThat(management.cancelImmediately(id, "Invoice SKY-2026-000001 is 30 days overdue.")).isTrue();
		assertThat(management.cancelImmediately(id, "again")).isFalse();
		assertThat(management.subscription(id).orElseThrow().endsOn()).isEqualTo(LocalDate.now(clock));
		assertThatThrownBy(() -> management.suspend(id, "too late")).isInstanceOf(ConflictException.class);

		SubscriptionId trial = new SubscriptionId(api.subscribe(customer, plan.planId(), true));
		assertThatThrownBy(() -> management.suspend(trial, "a trial")).isInstanceOf(ConflictException.class)
			.hasMessage("Only an active subscription can be suspended; this one is trial.");
		assertThat(management.hasSubscribed(customer.user().organisationId(), product.id())).isTrue();
		assertThat(management.hasSubscribed(vendor.user().organisationId(), product.id())).isFalse();
	}

	private Json subscription(UUID id, TestUser user) {
		return json(api.get("/api/v1/subscriptions/" + id, user));
	}

	private static Instant subscriptionCreated(Json subscription) {
		return Instant.parse(subscription.text("$.createdAt"));
	}

	private TestUser customer() {
		TestUser user = accounts.customer();
		assertThat(api.send("PUT", "/api/v1/billing/account", billingDetails("Example Ltd"), user)).hasStatusOk();
		return user;
	}
}
