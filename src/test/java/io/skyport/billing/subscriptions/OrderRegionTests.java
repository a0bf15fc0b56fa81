package io.skyport.billing.subscriptions;

import static io.skyport.billing.subscriptions.BillingApi.billingDetails;
import static io.skyport.billing.subscriptions.BillingApi.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.SubscriptionActivated;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.compute.CapacityFixtures;
import io.skyport.compute.CapacityFixtures.Region;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where an order runs: a region the plan allows that has room for it right now (a placement dry run). Everything
 * else is refused at order time, naming the region, and writes nothing.
 */
@SkyportIntegrationTest
@RecordApplicationEvents
class OrderRegionTests {

	/** The size of every plan here: 2 vCPUs, 4 GiB RAM, 20 GiB disk. */
	static final int VCPUS = 2;
	static final int MEMORY_MIB = 4096;
	static final int DISK_GIB = 20;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	CatalogFixtures catalog;

	@Autowired
	CapacityFixtures capacity;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	BillingApi api;
	TestUser vendor;
	TestUser customer;
	Region roomy;
	Region full;
	Region other;

	@BeforeEach
	void customerAndRegions() {
		api = new BillingApi(mvc, json);
		vendor = accounts.vendor();
		customer = accounts.customer();
		assertThat(api.send("PUT", "/api/v1/billing/account", billingDetails("Regional Ltd"), customer)).hasStatusOk();
		roomy = capacity.region("roomy", 8, 16384, 500);
		full = capacity.region("full", 8, 2048, 500);
		other = capacity.region("other", 8, 16384, 500);
	}

	@AfterEach
	void removeRegions() {
		roomy.close();
		full.close();
		other.close();
	}

	@Test
	void an_order_in_an_allowed_region_with_room_records_it_and_the_activation_carries_it() {
		PlanSnapshot plan = plan(roomy, full);

		MvcTestResult placed = order(plan, roomy.name(), false);

		assertThat(placed).hasStatus(201);
		String orderId = read(placed, "$.orderId");
		UUID subscriptionId = UUID.fromString(read(placed, "$.subscriptionId"));
		assertThat(api.get("/api/v1/orders/" + orderId, customer)).bodyJson().extractingPath("$.region")
			.isEqualTo(roomy.name());
		assertThat(events.stream(SubscriptionActivated.class)
			.filter(event -> event.subscriptionId().id().equals(subscriptionId)))
			.singleElement().extracting(SubscriptionActivated::region).isEqualTo(roomy.name());
	}

	@Test
	void a_region_the_plan_does_not_allow_is_refused_naming_the_field_region() {
		PlanSnapshot plan = plan(roomy, full);

		MvcTestResult refused = order(plan, other.name(), false);

		assertThat(refused).hasStatus(400).bodyJson().extractingPath("$.errors[*].field").asArray()
			.containsExactly("region");
		assertThat(refused).body().asString().contains("does not run in region '" + other.name() + "'")
			.contains(roomy.name());
		assertNothingWritten();
	}

	@Test
	void a_full_region_is_refused_with_409_naming_the_region_and_the_resource_and_nothing_is_written() {
		PlanSnapshot plan = plan(roomy, full);

		MvcTestResult refused = order(plan, full.name(), false);
		MvcTestResult trial = order(plan, full.name(), true);

		for (MvcTestResult result : List.of(refused, trial)) {
			assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(result).bodyJson().extractingPath("$.detail")
				.isEqualTo("No node in region " + full.name() + " has 4 GiB RAM free (largest free: 2 GiB).");
		}
		assertNothingWritten();
		assertThat(order(plan, roomy.name(), true)).as("the refused trial was not used up").hasStatus(201);
	}

	@Test
	void an_unknown_region_is_refused_naming_the_field_region() {
		PlanSnapshot everywhere = plan();

		MvcTestResult refused = order(everywhere, "atlantis-" + UUID.randomUUID().toString().substring(0, 6), false);

		assertThat(refused).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("region");
		assertThat(refused).body().asString().contains("Unknown region 'atlantis-");
		assertNothingWritten();
	}

	@Test
	void the_region_is_required_when_the_plan_runs_in_several_and_defaults_to_the_only_one() {
		MvcTestResult missing = order(plan(roomy, full), null, false);

		assertThat(missing).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("region");
		assertThat(missing).bodyJson().extractingPath("$.errors[0].message").asString()
			.isEqualTo("Say which region the server runs in (region): " + roomy.name() + ".");
		assertThat(order(plan(), null, false)).as("every region is several").hasStatus(400);
		assertNothingWritten();

		MvcTestResult onlyOne = order(plan(roomy), null, false);
		assertThat(onlyOne).hasStatus(201);
		assertThat(api.get("/api/v1/orders/" + read(onlyOne, "$.orderId"), customer)).bodyJson()
			.extractingPath("$.region").isEqualTo(roomy.name());
		assertThat(order(plan(full), " ", true)).hasStatus(409).bodyJson().extractingPath("$.detail").asString()
			.contains(full.name());
	}

	@Test
	void customers_see_the_regions_of_the_plan_that_have_room_now() {
		PlanSnapshot plan = plan(roomy, full);

		MvcTestResult regions = api.get("/api/v1/orders/regions?planId=" + plan.planId(), customer);

		assertThat(regions).hasStatusOk().bodyJson().extractingPath("$.regions").asArray()
			.containsExactly(roomy.name());
		assertThat(api.get("/api/v1/orders/regions?planId=" + plan(full).planId(), customer)).bodyJson()
			.extractingPath("$.regions").asArray().isEmpty();
		assertThat(api.get("/api/v1/orders/regions?planId=" + plan().planId(), customer)).bodyJson()
			.extractingPath("$.regions").asArray().contains(roomy.name(), other.name()).doesNotContain(full.name());
		assertThat(api.get("/api/v1/orders/regions?planId=" + UUID.randomUUID(), customer)).hasStatus(404);
		assertThat(api.get("/api/v1/regions", vendor)).hasStatusOk().bodyJson().extractingPath("$[*].name").asArray()
			.contains(roomy.name(), full.name(), other.name());
	}

	private PlanSnapshot plan(Region... regions) {
		return catalog.publishSized(vendor, OrderApiTests.unique("Regional"), VCPUS, MEMORY_MIB, DISK_GIB,
				List.of(regions).stream().map(Region::name).toList());
	}

	private MvcTestResult order(PlanSnapshot plan, @Nullable String region, boolean trial) {
		Map<String, Object> body = new HashMap<>();
		body.put("planId", plan.planId().id());
		body.put("trial", trial);
		if (region != null) {
			body.put("region", region);
		}
		return api.send("POST", "/api/v1/orders", body, customer);
	}

	private void assertNothingWritten() {
		for (String table : List.of("orders", "subscriptions", "trial_claims")) {
			assertThat(jdbc.sql("select count(*) from " + table + " where organisation_id = ?")
				.param(customer.user().organisationId().id())
				.query(Long.class)
				.single()).as(table).isZero();
		}
	}
}
