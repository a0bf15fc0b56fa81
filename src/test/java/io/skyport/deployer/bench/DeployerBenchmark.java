package io.skyport.deployer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.SubscriptionId;
import io.skyport.deployer.DeployerFixtures;
import io.skyport.deployer.DeployerFixtures.World;

/**
 * The deployer's control plane on test-hypervisor nodes with the guest simulated (issue 10's goals: request → READY
 * p50 ≤ 100 ms and p99 ≤ 500 ms; 500 orders at once on 50 nodes all READY at ≥ 50 deployments/s with no node over
 * capacity). Run by hand with {@code bench/deployer.sh}, never in the build; it prints its results.
 * "Request" is when the order was written; "READY" when the deployment became ready — both server-side timestamps.
 */
@EnabledIfSystemProperty(named = "skyport.bench", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "skyport.storage.local.root=target/test-objects", "skyport.compute.probe-enabled=false",
				"skyport.accounts.login.max-failures-per-address=1000000", "logging.level.root=WARN",
				"logging.level.io.skyport=WARN" })
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeployerBenchmark {

	private static final int SEQUENTIAL = Integer.getInteger("skyport.bench.sequential", 200);
	private static final int BURST = Integer.getInteger("skyport.bench.burst", 500);
	private static final int NODES = Integer.getInteger("skyport.bench.nodes", 50);

	@Autowired
	DeployerFixtures fixtures;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	private final Map<TestUser, UUID> keys = new java.util.concurrent.ConcurrentHashMap<>();

	@Test
	void request_to_ready_latency_and_a_burst_of_orders() throws Exception {
		World world = fixtures.world();
		fixtures.addNodes(world, (SEQUENTIAL + 20) / 12); // a dozen small servers fit on a test node
		String plan = fixtures.smallPlan(world);
		for (int i = 0; i < 20; i++) {
			fixtures.awaitState(fixtures.deploymentOf(order(world, world.customer(), plan)), "READY");
		}
		List<Long> latencies = new ArrayList<>();
		for (int i = 0; i < SEQUENTIAL; i++) {
			SubscriptionId subscription = order(world, world.customer(), plan);
			UUID deployment = fixtures.deploymentOf(subscription);
			fixtures.awaitState(deployment, "READY");
			latencies.add(latencyMillis(subscription));
		}
		Collections.sort(latencies);
		System.out.printf("%nBENCH request → READY over %d sequential orders: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
				SEQUENTIAL, percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99),
				latencies.getLast());

		World burst = fixtures.world();
		fixtures.addNodes(burst, NODES - 1);
		String burstPlan = fixtures.smallPlan(burst);
		List<TestUser> customers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			TestUser customer = accounts.customer();
			customers.add(customer);
			keys.put(customer, fixtures.sshKey(customer));
			fixtures.billingDetails(customer);
		}
		List<SubscriptionId> subscriptions = Collections.synchronizedList(new ArrayList<>());
		Instant started = Instant.now();
		try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
			List<Future<?>> orders = new ArrayList<>();
			for (int i = 0; i < BURST; i++) {
				TestUser customer = customers.get(i % customers.size());
				orders.add(pool.submit(() -> subscriptions.add(orderAs(burst, customer, burstPlan))));
			}
			for (Future<?> order : orders) {
				order.get();
			}
		}
		Instant ordered = Instant.now();
		Awaitility.await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(200)).until(() -> ready(burst) == BURST);
		Instant lastReady = jdbc.sql("select max(d.ready_at) from deployments d where d.region = ?").param(burst.region())
			.query(java.sql.Timestamp.class).single().toInstant();
		double seconds = Duration.between(started, lastReady).toMillis() / 1000.0;
		int overCapacity = jdbc.sql("""
				select count(*) from compute_nodes where region = ? and (used_vcpus > vcpus * cpu_ratio
				  or used_memory_mib > memory_mib * ram_ratio or used_disk_gib > disk_gib * disk_ratio)""")
			.param(burst.region()).query(Integer.class).single();
		System.out.printf("BENCH burst: %d orders on %d nodes placed in %.1f s; all READY %.1f s after the first order: "
				+ "%.1f deployments/s; nodes over capacity: %d%n", BURST, NODES,
				Duration.between(started, ordered).toMillis() / 1000.0, seconds, BURST / seconds, overCapacity);
		assertThat(overCapacity).isZero();
	}

	private SubscriptionId order(World world, TestUser customer, String plan) {
		return orderAs(world, customer, plan);
	}

	private SubscriptionId orderAs(World world, TestUser customer, String plan) {
		UUID key = customer == world.customer() ? world.sshKeyId() : keys.get(customer);
		var placed = fixtures.send("POST", "/api/v1/orders", Map.of("planId", plan, "region", world.region(),
				"sshKeyIds", List.of(key)), customer);
		assertThat(placed).hasStatus(201);
		return new SubscriptionId(UUID.fromString(fixtures.read(placed, "$.subscriptionId")));
	}

	private long latencyMillis(SubscriptionId subscription) {
		return jdbc.sql("""
				select (extract(epoch from d.ready_at) - extract(epoch from o.created_at)) * 1000
				from deployments d join subscriptions s on s.id = d.subscription_id join orders o on o.id = s.order_id
				where d.subscription_id = ?""").param(subscription.id()).query(Double.class).single().longValue();
	}

	private int ready(World world) {
		return jdbc.sql("select count(*) from deployments where region = ? and state = 'READY'").param(world.region())
			.query(Integer.class).single();
	}

	private static long percentile(List<Long> sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
	}
}
