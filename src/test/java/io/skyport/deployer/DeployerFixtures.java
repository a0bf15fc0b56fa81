package io.skyport.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.awaitility.Awaitility;
import com.jayway.jsonpath.JsonPath;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.SubscriptionId;
import io.skyport.billing.SubscriptionManagement;
import io.skyport.billing.subscriptions.BillingFixtures;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.catalog.CatalogFixtures.PublishedProduct;
import io.skyport.catalog.PlanSnapshot;
import tools.jackson.databind.json.JsonMapper;

/**
 * A world for deployments on libvirt's test hypervisor: a region of its own with one {@code test:///default} node, a
 * vendor's product with a bare-VM plan and a plan with a data disk, and a customer with an SSH key and billing details
 * who orders through the real API. A test-only bean; its calls need a context with {@code @AutoConfigureMockMvc}.
 */
@Component
public class DeployerFixtures {

	public static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIzUw3h9SwyBKzJwNUoLrkSS6SS69qpL1PoMCeTgKHPp alice@laptop";

	private final ObjectProvider<MockMvcTester> mvc;
	private final JsonMapper json;
	private final AccountFixtures accounts;
	private final CatalogFixtures catalogFixtures;
	private final BillingFixtures billing;
	private final Catalog catalog;
	private final JdbcClient jdbc;
	private final SubscriptionManagement subscriptions;

	DeployerFixtures(ObjectProvider<MockMvcTester> mvc, JsonMapper json, AccountFixtures accounts, CatalogFixtures catalogFixtures,
			BillingFixtures billing, Catalog catalog, JdbcClient jdbc, SubscriptionManagement subscriptions) {
		this.mvc = mvc;
		this.json = json;
		this.accounts = accounts;
		this.catalogFixtures = catalogFixtures;
		this.billing = billing;
		this.catalog = catalog;
		this.jdbc = jdbc;
		this.subscriptions = subscriptions;
	}

	/** Complete billing details for the customer's organisation, so it can order. */
	public void billingDetails(TestUser customer) {
		billing.billingDetails(customer);
	}

	/** Adds an SSH key to the customer's account; its ID. */
	public UUID sshKey(TestUser customer) {
		return UUID.fromString(read(send("POST", "/api/v1/ssh-keys", Map.of("name", "laptop", "publicKey", ED25519),
				customer), "$.id"));
	}

	public void cancel(SubscriptionId subscription) {
		subscriptions.cancelImmediately(subscription, "Cancelled by a test");
	}

	/** One test's world. */
	public record World(String region, UUID nodeId, TestUser operator, TestUser vendor, TestUser customer,
			UUID sshKeyId, PublishedProduct product, PlanSnapshot bareVmPlan, PlanSnapshot dataDiskPlan) {
	}

	public World world() {
		return world(Map.of());
	}

	/** A world whose node has the given extra settings (e.g. {@code simulateGuest: false}). */
	public World world(Map<String, Object> nodeSettings) {
		TestUser operator = accounts.operator();
		TestUser vendor = accounts.vendor();
		TestUser customer = accounts.customer();
		String region = "dp-" + UUID.randomUUID().toString().substring(0, 8);
		UUID nodeId = addNode(region, "node-" + region, nodeSettings, operator);
		UUID keyId = sshKey(customer);
		PublishedProduct product = catalogFixtures.publish(vendor, "Deployable " + region, "databases", "EUR", "5", "9");
		List<PlanSnapshot> plans = catalog.publishedProduct(product.id()).orElseThrow().plans();
		PlanSnapshot bare = plans.stream().filter(PlanSnapshot::isBareVm).findFirst().orElseThrow();
		PlanSnapshot withDisk = plans.stream().filter(plan -> !plan.isBareVm()).findFirst().orElseThrow();
		billing.billingDetails(customer);
		return new World(region, nodeId, operator, vendor, customer, keyId, product, bare, withDisk);
	}

	/**
	 * A bare-VM plan of the world's product small enough for a dozen servers on each test-hypervisor node
	 * (16 vCPUs, 3 GiB): its plan ID.
	 */
	public String smallPlan(World world) {
		Map<String, Object> plan = Map.of("name", "Small", "vcpus", 1, "memoryMib", 256, "diskGib", 3, "imageId",
				world.bareVmPlan().imageId().id().toString(), "monthlyPrice", new java.math.BigDecimal("1.00"),
				"currency", "EUR", "trialDays", 0);
		return read(send("POST", "/api/v1/products/" + world.product().id().id() + "/plans", plan, world.vendor()), "$.id");
	}

	/** Orders a plan given by its ID in the world's region with the customer's key; the subscription. */
	public SubscriptionId order(World world, String planId) {
		return order(world, planId, false);
	}

	private SubscriptionId order(World world, String planId, boolean trial) {
		MvcTestResult placed = send("POST", "/api/v1/orders", Map.of("planId", planId, "trial", trial, "region",
				world.region(), "sshKeyIds", List.of(world.sshKeyId())), world.customer());
		assertThat(placed).hasStatus(201);
		return new SubscriptionId(UUID.fromString(read(placed, "$.subscriptionId")));
	}
	/** More {@code test:///default} nodes in the world's region. */
	public void addNodes(World world, int count) {
		for (int i = 0; i < count; i++) {
			addNode(world.region(), "node-" + world.region() + "-" + i, Map.of(), world.operator());
		}
	}

	private UUID addNode(String region, String name, Map<String, Object> settings, TestUser operator) {
		Map<String, Object> node = new HashMap<>(settings);
		node.put("name", name);
		node.put("uri", "test:///default");
		node.put("region", region);
		node.put("virtType", "QEMU");
		node.put("storagePool", "default-pool");
		MvcTestResult created = send("POST", "/api/v1/compute/nodes", node, operator);
		assertThat(created).hasStatus(201);
		return UUID.fromString(read(created, "$.id"));
	}

	/** Orders the plan in the world's region with the customer's key, as the order API does; the subscription. */
	public SubscriptionId order(World world, PlanSnapshot plan, boolean trial) {
		return order(world, plan.planId().id().toString(), trial);
	}
	public UUID deploymentOf(SubscriptionId subscription) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("select id from deployments where subscription_id = ?")
				.param(subscription.id())
				.query(UUID.class)
				.optional(), Optional::isPresent)
			.orElseThrow();
	}

	public String state(UUID deployment) {
		return jdbc.sql("select state from deployments where id = ?").param(deployment).query(String.class).single();
	}

	/** Waits (at most two minutes: the build machine may be busy) until the deployment is in {@code state}. */
	public void awaitState(UUID deployment, String state) {
		awaitState(deployment, state, Duration.ofMinutes(2));
	}

	public void awaitState(UUID deployment, String state, Duration patience) {
		Awaitility.await()
			.atMost(patience)
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(state(deployment)).as("deployment %s", deployment).isEqualTo(state));
	}

	public UUID instanceOf(UUID deployment) {
		return jdbc.sql("select instance_id from deployments where id = ?").param(deployment).query(UUID.class).single();
	}

	public String instanceState(UUID instance) {
		return jdbc.sql("select state from compute_instances where id = ?").param(instance).query(String.class).single();
	}

	/** How often each step succeeded: a step that ran twice would show 2. */
	public Map<String, Integer> succeededSteps(UUID deployment) {
		Map<String, Integer> counts = new HashMap<>();
		jdbc.sql("select step, count(*) from deployment_steps where deployment_id = ? and outcome = 'SUCCEEDED' group by step")
			.param(deployment)
			.query((rs, n) -> counts.put(rs.getString(1), rs.getInt(2)))
			.list();
		return counts;
	}

	public MvcTestResult get(String uri, TestUser user) {
		return mvc.getObject().get().uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer()).exchange();
	}

	public MvcTestResult send(String method, String uri, @Nullable Object body, TestUser user) {
		var request = mvc.getObject().method(HttpMethod.valueOf(method)).uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return request.exchange();
	}

	public String read(MvcTestResult result, String path) {
		Object value = JsonPath.read(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), path);
		return String.valueOf(value);
	}
}
