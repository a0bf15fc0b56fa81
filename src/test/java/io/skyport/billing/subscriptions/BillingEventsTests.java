package io.skyport.billing.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.HttpHeaders;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.accounts.Accounts;
import io.skyport.accounts.SshKeyId;
import io.skyport.billing.OrderPlaced;
import io.skyport.billing.SubscriptionActivated;
import io.skyport.billing.SubscriptionCancellationScheduled;
import io.skyport.billing.SubscriptionCancelled;
import io.skyport.billing.SubscriptionExpired;
import io.skyport.billing.SubscriptionId;
import io.skyport.billing.SubscriptionManagement;
import io.skyport.billing.SubscriptionResumed;
import io.skyport.billing.SubscriptionSuspended;
import io.skyport.billing.subscriptions.OrderService.OrderRequest;
import io.skyport.billing.subscriptions.OrderService.PlacedOrder;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.compute.CapacityFixtures;
import io.skyport.catalog.CatalogFixtures.PublishedProduct;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events the deployer and invoicing act on, as published with each change: an order and its activation, a
 * trial's start, conversion (no second server) and expiry, cancellations, suspension and resumption.
 */
@SkyportIntegrationTest
@EnableScenarios
@RecordApplicationEvents
class BillingEventsTests {

	@Autowired
	AccountFixtures accounts;

	@Autowired
	BillingFixtures billing;

	@Autowired
	CatalogFixtures catalogFixtures;

	@Autowired
	Catalog catalog;

	@Autowired
	Accounts accountsApi;

	@Autowired
	OrderService orders;

	@Autowired
	SubscriptionService subscriptions;

	@Autowired
	SubscriptionLifecycle lifecycle;

	@Autowired
	SubscriptionManagement management;

	@Autowired
	ApplicationEvents events;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	TestUser customer;
	PlanSnapshot plan;
	PublishedProduct product;

	@BeforeEach
	void customerAndPlan() {
		customer = accounts.customer();
		billing.billingDetails(customer);
		product = catalogFixtures.publish(accounts.vendor(), OrderApiTests.unique("Evented"), "databases", "EUR", "10");
		plan = catalog.publishedProduct(product.id()).orElseThrow().plans().getFirst();
	}

	@Test
	void an_order_publishes_order_placed_and_then_the_activation_with_what_the_deployer_needs() throws IOException {
		SshKeyId key = key(customer);
		UUID project = project(customer);

		PlacedOrder placed = orders.place(customer.user(),
				new OrderRequest(plan.planId().id(), false, project, List.of(key.id()), null,
						CapacityFixtures.ROOMY_REGION));

		List<Object> published = events.stream()
			.<Object>map(event -> event instanceof PayloadApplicationEvent<?> payload ? payload.getPayload() : event)
			.filter(event -> event instanceof OrderPlaced || event instanceof SubscriptionActivated)
			.toList();
		assertThat(published).hasSize(2);
		assertThat(published.get(0)).isInstanceOfSatisfying(OrderPlaced.class, event -> {
			assertThat(event.orderId()).isEqualTo(placed.orderId());
			assertThat(event.subscriptionId()).isEqualTo(placed.subscriptionId());
			assertThat(event.organisationId()).isEqualTo(customer.user().organisationId());
			assertThat(event.orderedBy()).isEqualTo(customer.user().userId());
			assertThat(event.planVersion()).isEqualTo(plan.versionNumber());
			assertThat(event.monthlyPrice()).isEqualTo(plan.monthlyPrice());
			assertThat(event.resellerId()).isNull();
		});
		assertThat(published.get(1)).isEqualTo(new SubscriptionActivated(placed.subscriptionId(),
				customer.user().organisationId(), placed.orderId(), product.id(), plan.planId(), plan.versionNumber(), false,
				false, project, List.of(key), CapacityFixtures.ROOMY_REGION));
	}

	@Test
	void a_trial_start_is_an_activation_flagged_as_a_trial(Scenario scenario) {
		scenario.stimulate(() -> billing.subscribe(customer, plan.planId(), true))
			.andWaitForEventOfType(SubscriptionActivated.class)
			.matching(event -> event.organisationId().equals(customer.user().organisationId()))
			.toArriveAndVerify((event, id) -> {
				assertThat(event.subscriptionId()).isEqualTo(id);
				assertThat(event.trial()).isTrue();
				assertThat(event.convertedFromTrial()).isFalse();
			});
	}

	@Test
	void a_kept_trial_converts_with_an_activation_that_must_not_create_a_second_server(Scenario scenario)
			throws IOException {
		SshKeyId key = key(customer);
		SubscriptionId id = orders.place(customer.user(), new OrderRequest(plan.planId().id(), true, null,
				List.of(key.id()), null, CapacityFixtures.ROOMY_REGION)).subscriptionId();
		subscriptions.keepAfterTrial(customer.user(), id.id(), true);
		var trialEnd = management.subscription(id).orElseThrow().trialEndsAt();

		// The scenario also saw the trial's start (published by the order above): wait for the conversion.
		scenario.stimulate(() -> lifecycle.runDue(trialEnd))
			.andWaitForEventOfType(SubscriptionActivated.class)
			.matching(event -> event.subscriptionId().equals(id) && !event.trial())
			.toArriveAndVerify(event -> {
				assertThat(event.convertedFromTrial()).isTrue();
				assertThat(event.sshKeyIds()).containsExactly(key);
				assertThat(event.region()).isEqualTo(CapacityFixtures.ROOMY_REGION);
			});
	}

	@Test
	void a_trial_left_to_end_expires(Scenario scenario) {
		SubscriptionId id = billing.subscribe(customer, plan.planId(), true);
		var trialEnd = management.subscription(id).orElseThrow().trialEndsAt();

		scenario.stimulate(() -> lifecycle.runDue(trialEnd.plusSeconds(1)))
			.andWaitForEventOfType(SubscriptionExpired.class)
			.matchingMappedValue(SubscriptionExpired::subscriptionId, id)
			.toArriveAndVerify(event -> assertThat(event.expiredOn())
				.isEqualTo(LocalDate.ofInstant(trialEnd, ZoneOffset.UTC)));
	}

	@Test
	void a_cancellation_at_period_end_is_announced_and_published_as_cancelled_on_its_day(Scenario scenario) {
		SubscriptionId id = billing.subscribe(customer, plan.planId(), false);

		scenario.stimulate(() -> subscriptions.cancel(customer.user(), id.id(), false))
			.andWaitForEventOfType(SubscriptionCancellationScheduled.class)
			.matchingMappedValue(SubscriptionCancellationScheduled::subscriptionId, id)
			.toArriveAndVerify((event, view) -> assertThat(event.endsOn()).isEqualTo(view.endsOn()));
		LocalDate endsOn = management.subscription(id).orElseThrow().endsOn();

		scenario.stimulate(() -> lifecycle.runDue(endsOn.atStartOfDay(ZoneOffset.UTC).toInstant()))
			.andWaitForEventOfType(SubscriptionCancelled.class)
			.matchingMappedValue(SubscriptionCancelled::subscriptionId, id)
			.toArriveAndVerify(event -> {
				assertThat(event.immediately()).isFalse();
				assertThat(event.effectiveOn()).isEqualTo(endsOn);
				assertThat(event.reason()).isNull();
			});
	}

	@Test
	void an_immediate_cancellation_is_published_at_once(Scenario scenario) {
		SubscriptionId id = billing.subscribe(customer, plan.planId(), false);

		scenario.stimulate(() -> subscriptions.cancel(customer.user(), id.id(), true))
			.andWaitForEventOfType(SubscriptionCancelled.class)
			.matchingMappedValue(SubscriptionCancelled::subscriptionId, id)
			.toArriveAndVerify((event, view) -> {
				assertThat(event.immediately()).isTrue();
				assertThat(event.effectiveOn()).isEqualTo(view.endsOn());
			});
	}

	@Test
	void dunning_publishes_suspension_and_resumption(Scenario scenario) {
		SubscriptionId id = billing.subscribe(customer, plan.planId(), false);

		scenario.stimulate(() -> management.suspend(id, "Invoice overdue"))
			.andWaitForEventOfType(SubscriptionSuspended.class)
			.matchingMappedValue(SubscriptionSuspended::subscriptionId, id)
			.toArriveAndVerify(event -> assertThat(event.reason()).isEqualTo("Invoice overdue"));
		scenario.stimulate(() -> management.resume(id))
			.andWaitForEventOfType(SubscriptionResumed.class)
			.matchingMappedValue(SubscriptionResumed::subscriptionId, id)
			.toArrive();
	}

	private SshKeyId key(TestUser user) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/ssh-keys/id_ecdsa256.pub")) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return addKey(user, text);
		}
	}

	private SshKeyId addKey(TestUser user, String publicKey) {
		String id = BillingApi.read(new BillingApi(mvc, json).send("POST", "/api/v1/ssh-keys",
				Map.of("name", "laptop", "publicKey", publicKey), user), "$.id");
		assertThat(accountsApi.sshKeys(user.user().userId())).extracting(key -> key.id().toString()).contains(id);
		return new SshKeyId(UUID.fromString(id));
	}

	private UUID project(TestUser owner) {
		byte[] created = mvc.post().uri("/api/v1/projects").header(HttpHeaders.AUTHORIZATION, owner.bearer())
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Production\"}")
			.exchange().getResponse().getContentAsByteArray();
		return UUID.fromString(json.readTree(created).path("id").asString());
	}
}
