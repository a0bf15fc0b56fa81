package io.skyport.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.billing.SubscriptionId;
import io.skyport.deployer.DeployerFixtures.World;

/**
 * Deployments that fail: a guest that never phones home rolls back to FAILED with a reason; operators retry it (two
 * retries at once: one runs) and it succeeds once the guest answers. Its own context, with deadlines of seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "skyport.storage.local.root=target/test-objects", "skyport.compute.probe-enabled=false",
				"skyport.accounts.login.max-failures-per-address=1000000", "skyport.deployer.guest-deadline=2s",
				"skyport.deployer.guest-poll=200ms", "skyport.deployer.guest-wait-in-process=200ms" })
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeploymentFailureTests {

	@Autowired
	DeployerFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void a_guest_that_never_phones_home_is_rolled_back_and_an_operator_retries_it() throws Exception {
		World world = fixtures.world(Map.of("simulateGuest", false));
		SubscriptionId subscription = fixtures.order(world, world.dataDiskPlan(), false);
		UUID deployment = fixtures.deploymentOf(subscription);
		UUID firstInstance = fixtures.instanceOf(deployment);

		fixtures.awaitState(deployment, "FAILED");

		var failed = fixtures.get("/api/v1/deployments/" + deployment, world.customer());
		assertThat(failed).bodyJson().extractingPath("$.failedStep").isEqualTo("AWAITING_GUEST");
		assertThat(failed).bodyJson().extractingPath("$.rolledBack").isEqualTo(true);
		assertThat(failed).bodyJson().extractingPath("$.failureReason").asString()
			.contains("did not finish configuring itself");
		assertThat(failed).bodyJson().extractingPath("$").asMap().as("operators' details are not for customers")
			.doesNotContainKey("failureDetail");
		assertThat(fixtures.get("/api/v1/deployments/" + deployment, world.operator())).bodyJson()
			.extractingPath("$.failureDetail").asString().contains("No phone-home");
		assertThat(fixtures.instanceState(firstInstance)).as("the rollback removed the machine").isEqualTo("DELETED");
		assertThat(jdbc.sql("select count(*) from deployment_steps where deployment_id = ? and step = 'ROLLING_BACK' "
				+ "and outcome = 'SUCCEEDED'").param(deployment).query(Integer.class).single()).isEqualTo(1);

		jdbc.sql("update compute_nodes set simulate_guest = true where id = ?").param(world.nodeId()).update();
		List<MvcTestResult> answers = twoAtOnce(
				() -> fixtures.send("POST", "/api/v1/deployments/" + deployment + "/retry", null, world.operator()));
		assertThat(answers).extracting(answer -> answer.getResponse().getStatus()).containsExactlyInAnyOrder(202, 409);

		fixtures.awaitState(deployment, "READY");
		UUID secondInstance = fixtures.instanceOf(deployment);
		assertThat(secondInstance).as("a rolled-back deployment starts over with a new instance").isNotEqualTo(firstInstance);
		assertThat(fixtures.instanceState(secondInstance)).isEqualTo("RUNNING");
	}

	@Test
	void an_order_without_ssh_keys_for_a_product_without_its_own_login_fails_with_a_reason_in_words() {
		World world = fixtures.world();
		MvcTestResult placed = fixtures.send("POST", "/api/v1/orders",
				Map.of("planId", world.bareVmPlan().planId().id(), "region", world.region()), world.customer());
		assertThat(placed).hasStatus(201);
		UUID deployment = fixtures.deploymentOf(new SubscriptionId(UUID.fromString(fixtures.read(placed, "$.subscriptionId"))));

		fixtures.awaitState(deployment, "FAILED");

		assertThat(fixtures.get("/api/v1/deployments/" + deployment, world.customer())).bodyJson()
			.extractingPath("$.failureReason").asString().contains("No SSH key was chosen");
	}

	private static <T> List<T> twoAtOnce(Callable<T> call) throws Exception {
		try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			Callable<T> gated = () -> {
				start.await();
				return call.call();
			};
			Future<T> first = pool.submit(gated);
			Future<T> second = pool.submit(gated);
			start.countDown();
			return List.of(first.get(), second.get());
		}
	}
}
