package io.skyport.billing.subscriptions;

import static io.skyport.billing.subscriptions.BillingApi.billingDetails;
import static io.skyport.billing.subscriptions.BillingApi.body;
import static io.skyport.billing.subscriptions.BillingApi.json;
import static io.skyport.billing.subscriptions.BillingApi.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.subscriptions.BillingApi.Json;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.catalog.CatalogFixtures.PublishedProduct;
import io.skyport.catalog.CatalogRequests;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.compute.CapacityFixtures;
import io.skyport.platform.money.Money;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ordering through the API against the real application: the price as seen is recorded (with a reseller's markup,
 * exactly as their storefront shows it) and kept when the catalog changes; every refusal is a clear 4xx that writes
 * nothing.
 */
@SkyportIntegrationTest
class OrderApiTests {

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
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	BillingApi api;
	TestUser vendor;
	TestUser customer;

	@BeforeEach
	void customerWithBillingDetails() {
		api = new BillingApi(mvc, json);
		vendor = accounts.vendor();
		customer = accounts.customer();
		assertThat(api.send("PUT", "/api/v1/billing/account", billingDetails("Example Ltd"), customer)).hasStatusOk();
	}

	@Test
	void a_customer_orders_a_plan_and_the_order_records_the_price_as_seen() {
		PublishedProduct product = catalogFixtures.publish(vendor, unique("Ordered"), "databases", "EUR", "12.50", "30");
		PlanSnapshot plan = cheapest(product);

		MvcTestResult placed = api.order(customer, plan.planId(), false, null, List.of());

		assertThat(placed).hasStatus(201);
		String orderId = read(placed, "$.orderId");
		String subscriptionId = read(placed, "$.subscriptionId");
		assertThat(placed.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/api/v1/orders/" + orderId);
		Json order = json(api.get("/api/v1/orders/" + orderId, customer));
		assertThat(order.text("$.planId")).isEqualTo(plan.planId().toString());
		assertThat(order.number("$.planVersion")).isEqualByComparingTo("1");
		assertThat(order.number("$.price.listPrice")).isEqualByComparingTo("12.50");
		assertThat(order.number("$.price.markupPercent")).isEqualByComparingTo("0");
		assertThat(order.number("$.price.monthlyPrice")).isEqualByComparingTo("12.50");
		assertThat(order.text("$.price.currency")).isEqualTo("EUR");
		assertThat(order.text("$.subscriptionId")).isEqualTo(subscriptionId);
		Json subscription = json(api.get("/api/v1/subscriptions/" + subscriptionId, customer));
		assertThat(subscription.text("$.state")).isEqualTo("ACTIVE");
		assertThat(subscription.number("$.monthlyPrice")).isEqualByComparingTo("12.50");
		assertThat(subscription.text("$.activatedOn")).isEqualTo(LocalDate.now(clock).toString());
		assertThat(subscription.text("$.currentPeriodEnd")).isEqualTo(LocalDate.now(clock).plusMonths(1).toString());
		assertThat(api.get("/api/v1/orders/" + orderId, accounts.customer())).hasStatus(404);
	}

	@Test
	void a_later_change_of_the_plan_does_not_alter_what_was_ordered() {
		PublishedProduct product = catalogFixtures.publish(vendor, unique("Repriced"), "databases", "EUR", "10.00");
		PlanSnapshot plan = cheapest(product);
		String orderId = read(api.order(customer, plan.planId(), false, null, List.of()), "$.orderId");
		String subscriptionId = read(api.get("/api/v1/orders/" + orderId, customer), "$.subscriptionId");

		assertThat(api.send("PUT", "/api/v1/products/" + product.id() + "/plans/" + plan.planId(),
				CatalogRequests.plan(plan.imageId().toString(), "Bigger", 4, 8192, 40, null, "25.00", "EUR"), vendor))
			.hasStatusOk();
		assertThat(catalog.currentPlan(plan.planId()).orElseThrow().monthlyPrice().amount()).isEqualByComparingTo("25");

		Json order = json(api.get("/api/v1/orders/" + orderId, customer));
		assertThat(order.number("$.planVersion")).isEqualByComparingTo("1");
		assertThat(order.text("$.planName")).isEqualTo("Plan 1");
		assertThat(order.number("$.price.monthlyPrice")).isEqualByComparingTo("10.00");
		Json subscription = json(api.get("/api/v1/subscriptions/" + subscriptionId, customer));
		assertThat(subscription.number("$.planVersion")).isEqualByComparingTo("1");
		assertThat(subscription.number("$.monthlyPrice")).isEqualByComparingTo("10.00");
	}

	@Test
	void an_order_on_a_reseller_storefront_records_the_price_the_storefront_shows() {
		TestUser reseller = accounts.reseller();
		String slug = "sell-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(api.send("PUT", "/api/v1/reseller/storefront", Map.of("slug", slug, "name", "Harbour Cloud",
				"primaryColour", "#0f766e", "accentColour", "#b45309", "markupPercent", 15,
				"categoryMarkups", Map.of("databases", 20)), reseller)).hasStatusOk();
		PublishedProduct product = catalogFixtures.publish(vendor, unique("Resold"), "databases", "EUR", "9.99");
		PlanSnapshot plan = cheapest(product);

		String page = body(mvc.get().uri("/m/" + slug + "/products/" + product.slug()).exchange());
		Matcher shown = Pattern.compile("<td><strong>(€[0-9.,]+)</strong></td>").matcher(page);
		assertThat(shown.find()).as("the storefront shows a price").isTrue();
		assertThat(shown.group(1)).isEqualTo("€11.99");

		MvcTestResult placed = api.order(customer, plan.planId(), false, slug.toUpperCase(), List.of());
		assertThat(placed).hasStatus(201);
		String orderId = read(placed, "$.orderId");
		Json order = json(api.get("/api/v1/orders/" + orderId, customer));
		assertThat(order.number("$.price.listPrice")).isEqualByComparingTo("9.99");
		assertThat(order.number("$.price.markupPercent")).isEqualByComparingTo("20");
		assertThat(Money.rounded(order.number("$.price.monthlyPrice"), "EUR").display()).isEqualTo(shown.group(1));
		assertThat(order.number("$.price.bandwidthPricePerGib")).isEqualByComparingTo("0.01");
		assertThat(order.text("$.price.resellerId")).isEqualTo(reseller.user().organisationId().toString());
		assertThat(order.text("$.price.storefront")).isEqualTo(slug);

		assertThat(api.order(customer, plan.planId(), false, "no-such-" + slug, List.of())).hasStatus(400).bodyJson()
			.extractingPath("$.errors[0].field").isEqualTo("storefront");
	}

	@Test
	void unknown_plans_withdrawn_products_and_plans_off_sale_cannot_be_ordered() {
		PublishedProduct product = catalogFixtures.publish(vendor, unique("Gone"), "databases", "EUR", "5", "8");
		List<PlanSnapshot> plans = catalog.publishedProduct(product.id()).orElseThrow().plans();

		assertThat(api.send("POST", "/api/v1/orders", Map.of("planId", UUID.randomUUID(), "trial", false), customer))
			.hasStatus(404).bodyJson().extractingPath("$.detail").asString().startsWith("No plan with id");
		assertThat(api.send("POST", "/api/v1/orders", Map.of("trial", false), customer)).hasStatus(400);

		assertThat(api.send("POST", "/api/v1/products/" + product.id() + "/plans/" + plans.get(1).planId() + "/archive",
				null, vendor)).hasStatusOk();
		assertThat(api.order(customer, plans.get(1).planId(), false, null, List.of())).hasStatus(409).bodyJson()
			.extractingPath("$.detail").asString().contains("is no longer on sale");

		assertThat(api.send("POST", "/api/v1/products/" + product.id() + "/withdraw", null, vendor)).hasStatusOk();
		assertThat(api.order(customer, plans.get(0).planId(), false, null, List.of())).hasStatus(409).bodyJson()
			.extractingPath("$.detail").asString().contains("was withdrawn by its vendor");
		assertThat(rows("orders", customer)).isZero();
	}

	@Test
	void a_second_trial_of_a_product_is_refused_with_the_day_of_the_first() {
		PublishedProduct product = catalogFixtures.publish(vendor, unique("Trialled"), "databases", "EUR", "5", "8");
		List<PlanSnapshot> plans = catalog.publishedProduct(product.id()).orElseThrow().plans();
		String name = catalog.productReference(product.id()).orElseThrow().name();

		assertThat(api.order(customer, plans.get(0).planId(), true, null, List.of())).hasStatus(201);
		MvcTestResult second = api.order(customer, plans.get(1).planId(), true, null, List.of());

		assertThat(second).hasStatus(409).bodyJson().extractingPath("$.detail")
			.isEqualTo("You already had a trial of " + name + " on " + Subscription.format(LocalDate.now(clock)) + ".");
		assertThat(rows("subscriptions", customer)).isEqualTo(1);
		assertThat(api.order(customer, plans.get(1).planId(), false, null, List.of())).hasStatus(201);
	}

	@Test
	void two_trials_ordered_at_the_same_moment_make_one_subscription() throws Exception {
		PlanSnapshot plan = cheapest(catalogFixtures.publish(vendor, unique("Racing"), "databases", "EUR", "5"));
		CyclicBarrier start = new CyclicBarrier(2);
		Callable<Integer> order = () -> {
			start.await(10, TimeUnit.SECONDS);
			return api.order(customer, plan.planId(), true, null, List.of()).getResponse().getStatus();
		};

		try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
			List<Future<Integer>> results = threads.invokeAll(List.of(order, order));
			assertThat(List.of(results.get(0).get(), results.get(1).get())).containsExactlyInAnyOrder(201, 409);
		}
		assertThat(rows("orders", customer)).isEqualTo(1);
		assertThat(rows("subscriptions", customer)).isEqualTo(1);
		assertThat(rows("trial_claims", customer)).isEqualTo(1);
	}

	@Test
	void a_plan_without_trial_days_has_no_trial() {
		PublishedProduct product = catalogFixtures.publish(vendor, unique("NoTrial"), "databases", "EUR", "5");
		PlanSnapshot plan = cheapest(product);
		assertThat(api.send("PUT", "/api/v1/products/" + product.id() + "/plans/" + plan.planId(),
				withoutTrial(plan), vendor)).hasStatusOk();

		assertThat(api.order(customer, plan.planId(), true, null, List.of())).hasStatus(409).bodyJson()
			.extractingPath("$.detail").asString().contains("has no free trial");
		assertThat(rows("trial_claims", customer)).isZero();
	}

	@Test
	void a_customer_without_billing_details_is_asked_for_them_first_and_nothing_is_written() {
		TestUser newcomer = accounts.customer();
		PlanSnapshot plan = cheapest(catalogFixtures.publish(vendor, unique("Early"), "databases", "EUR", "5"));

		assertThat(api.get("/api/v1/billing/account", newcomer)).hasStatus(404);
		assertThat(api.order(newcomer, plan.planId(), true, null, List.of())).hasStatus(409).bodyJson()
			.extractingPath("$.detail").asString().startsWith("Add your billing details first: PUT /api/v1/billing/account");

		assertThat(rows("orders", newcomer)).isZero();
		assertThat(rows("subscriptions", newcomer)).isZero();
		assertThat(rows("trial_claims", newcomer)).isZero();
		assertThat(api.send("PUT", "/api/v1/billing/account", billingDetails("Newcomer GmbH"), newcomer)).hasStatusOk();
		assertThat(api.order(newcomer, plan.planId(), true, null, List.of())).hasStatus(201);
	}

	@Test
	void only_customers_order() {
		PlanSnapshot plan = cheapest(catalogFixtures.publish(vendor, unique("Roles"), "databases", "EUR", "5"));

		for (TestUser other : List.of(vendor, accounts.reseller(), accounts.operator())) {
			assertThat(api.order(other, plan.planId(), false, null, List.of())).hasStatus(403).bodyJson()
				.extractingPath("$.detail").asString().startsWith("Only customer accounts can order");
		}
		assertThat(api.send("PUT", "/api/v1/billing/account", billingDetails("Vendor Ltd"), vendor)).hasStatus(403);
		assertThat(mvc.post().uri("/api/v1/orders").contentType(MediaType.APPLICATION_JSON).content("{}")).hasStatus(401);
	}

	@Test
	void the_servers_ssh_keys_must_belong_to_the_customers_organisation() throws IOException {
		PlanSnapshot plan = cheapest(catalogFixtures.publish(vendor, unique("Keys"), "databases", "EUR", "5"));
		TestUser stranger = accounts.customer();
		String mine = addKey(customer);
		String theirs = addKey(stranger);

		assertThat(api.order(customer, plan.planId(), false, null, List.of(mine, theirs))).hasStatus(400).bodyJson()
			.extractingPath("$.errors[0].field").isEqualTo("sshKeyIds");
		assertThat(api.order(customer, plan.planId(), false, null, List.of(UUID.randomUUID().toString())))
			.hasStatus(400);
		assertThat(rows("orders", customer)).isZero();

		String orderId = read(api.order(customer, plan.planId(), false, null, List.of(mine, mine)), "$.orderId");
		assertThat(api.get("/api/v1/orders/" + orderId, customer)).bodyJson().extractingPath("$.sshKeyIds").asArray()
			.containsExactly(mine);
	}

	@Test
	void the_servers_project_must_be_the_customers_own() {
		PlanSnapshot plan = cheapest(catalogFixtures.publish(vendor, unique("Projects"), "databases", "EUR", "5"));
		String mine = read(api.send("POST", "/api/v1/projects", Map.of("name", "Production"), customer), "$.id");
		String theirs = read(api.send("POST", "/api/v1/projects", Map.of("name", "Theirs"), accounts.customer()), "$.id");

		for (String project : List.of(theirs, UUID.randomUUID().toString(), new UUID(0, 0).toString())) {
			assertThat(api.send("POST", "/api/v1/orders", inProject(plan, project), customer)).hasStatus(404)
				.bodyJson().extractingPath("$.detail").asString().contains(project);
		}
		assertThat(rows("orders", customer)).isZero();
		assertThat(rows("subscriptions", customer)).isZero();

		String orderId = read(api.send("POST", "/api/v1/orders", inProject(plan, mine), customer), "$.orderId");
		assertThat(api.get("/api/v1/orders/" + orderId, customer)).bodyJson().extractingPath("$.projectId")
			.isEqualTo(mine);
	}

	private static Map<String, Object> inProject(PlanSnapshot plan, String projectId) {
		return Map.of("planId", plan.planId().id(), "projectId", projectId, "region", CapacityFixtures.ROOMY_REGION);
	}

	@Test
	void billing_details_are_checked_field_by_field() {
		Map<String, Object> bad = billingDetails(" ");
		bad.put("billingEmail", "not-an-address");
		bad.put("country", "XX");
		bad.put("vatNumber", "123");
		bad.put("postalCode", "");

		MvcTestResult refused = api.send("PUT", "/api/v1/billing/account", bad, customer);

		assertThat(refused).hasStatus(400).bodyJson().extractingPath("$.errors[*].field").asArray()
			.containsExactlyInAnyOrder("legalName", "billingEmail", "postalCode", "country", "vatNumber");
		assertThat(body(refused)).contains("use the two letters of ISO 3166-1").contains("e.g. DE123456789");
		Json details = json(api.get("/api/v1/billing/account", customer));
		assertThat(details.text("$.legalName")).isEqualTo("Example Ltd");
		assertThat(details.text("$.country")).isEqualTo("DE");
		assertThat(details.text("$.vatNumber")).isEqualTo("DE123456789");
		assertThat(details.<Boolean>read("$.business")).isTrue();
	}

	private PlanSnapshot cheapest(PublishedProduct product) {
		return catalog.publishedProduct(product.id()).orElseThrow().plans().getFirst();
	}

	private long rows(String table, TestUser customer) {
		return jdbc.sql("select count(*) from " + table + " where organisation_id = ?")
			.param(customer.user().organisationId().id())
			.query(Long.class)
			.single();
	}

	private String addKey(TestUser user) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/ssh-keys/id_ed25519.pub")) {
			String key = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return read(api.send("POST", "/api/v1/ssh-keys", Map.of("name", "laptop", "publicKey", key), user), "$.id");
		}
	}

	private static Map<String, Object> withoutTrial(PlanSnapshot plan) {
		Map<String, Object> body = CatalogRequests.plan(plan.imageId().toString(), plan.name(), plan.vcpus(),
				plan.memoryMib(), plan.diskGib(), plan.dataDiskGib(), "5.00", "EUR");
		body.put("trialDays", 0);
		return body;
	}

	static String unique(String name) {
		return name + " " + UUID.randomUUID().toString().substring(0, 6);
	}
}
