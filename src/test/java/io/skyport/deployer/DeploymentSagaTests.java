package io.skyport.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.skyport.accounts.AccountFixtures;
import io.skyport.billing.SubscriptionId;
import io.skyport.billing.SubscriptionManagement;
import io.skyport.deployer.DeployerFixtures.World;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * Orders become servers on libvirt's test hypervisor (Skyport plays the guest), follow dunning, and go when their
 * subscription ends — through the real order API, billing's events, the scheduler and compute.
 */
@SkyportIntegrationTest
class DeploymentSagaTests {

	private static final String[] DEPLOYING_STEPS = { "CHECKING_PREREQUISITES", "CREATING_VM", "CONFIGURING_ACCESS",
			"ATTACHING_DATA_DISK", "STARTING", "AWAITING_GUEST", "NOTIFYING" };

	@Autowired
	DeployerFixtures fixtures;

	@Autowired
	SubscriptionManagement subscriptions;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void an_order_becomes_a_ready_server_and_every_step_ran_exactly_once() {
		World world = fixtures.world();
		SubscriptionId subscription = fixtures.order(world, world.dataDiskPlan(), false);
		UUID deployment = fixtures.deploymentOf(subscription);

		fixtures.awaitState(deployment, "READY");

		Map<String, Integer> steps = fixtures.succeededSteps(deployment);
		for (String step : DEPLOYING_STEPS) {
			assertThat(steps).as("step %s", step).containsEntry(step, 1);
		}
		UUID instance = fixtures.instanceOf(deployment);
		assertThat(fixtures.instanceState(instance)).isEqualTo("RUNNING");
		assertThat(jdbc.sql("select configured_at is not null from compute_instances where id = ?").param(instance)
			.query(Boolean.class).single()).as("the simulated guest phoned home").isTrue();
		assertThat(jdbc.sql("select deployment_id from compute_instances where id = ?").param(instance)
			.query(UUID.class).single()).as("the instance knows its deployment").isEqualTo(deployment);

		var json = fixtures.get("/api/v1/deployments/" + deployment, world.customer());
		assertThat(json).hasStatusOk().bodyJson().extractingPath("$.state").isEqualTo("READY");
		assertThat(json).bodyJson().extractingPath("$.subscriptionId").isEqualTo(subscription.id().toString());
		assertThat(json).bodyJson().extractingPath("$.instanceId").isEqualTo(instance.toString());
		assertThat(json).bodyJson().extractingPath("$.timeline[0].step").isEqualTo("REQUESTED");
		assertThat(json).bodyJson().extractingPath("$.timeline[1]").asMap()
			.containsKeys("step", "attempt", "outcome", "startedAt", "endedAt", "message");
		assertThat(json).bodyJson().extractingPath("$.timeline[1]").asMap().doesNotContainKeys("detail", "worker");

		assertThat(fixtures.get("/api/v1/deployments?subscriptionId=" + subscription.id(), world.customer()))
			.bodyJson().extractingPath("$.deployments[0].id").isEqualTo(deployment.toString());
		assertThat(fixtures.get("/api/v1/deployments?instanceId=" + instance, world.customer()))
			.bodyJson().extractingPath("$.deployments[0].id").isEqualTo(deployment.toString());
		assertThat(fixtures.get("/api/v1/notifications", world.customer())).hasStatusOk().bodyJson()
			.extractingPath("$.notifications[0].title").asString().contains("is ready");
	}

	@Test
	void a_bare_vm_skips_its_configuration_and_data_disk_and_needs_only_to_run() {
		World world = fixtures.world();
		UUID deployment = fixtures.deploymentOf(fixtures.order(world, world.bareVmPlan(), false));

		fixtures.awaitState(deployment, "READY");

		assertThat(jdbc.sql("select step from deployment_steps where deployment_id = ? and outcome = 'SKIPPED' order by id")
			.param(deployment).query(String.class).list()).containsExactly("CONFIGURING_ACCESS", "ATTACHING_DATA_DISK");
	}

	@Test
	void dunning_stops_the_server_and_payment_starts_it_again() {
		World world = fixtures.world();
		SubscriptionId subscription = fixtures.order(world, world.bareVmPlan(), false);
		UUID deployment = fixtures.deploymentOf(subscription);
		fixtures.awaitState(deployment, "READY");
		UUID instance = fixtures.instanceOf(deployment);

		assertThat(subscriptions.suspend(subscription, "Invoice overdue")).isTrue();
		fixtures.awaitState(deployment, "SUSPENDED");
		assertThat(fixtures.instanceState(instance)).isEqualTo("STOPPED");

		assertThat(subscriptions.resume(subscription)).isTrue();
		fixtures.awaitState(deployment, "READY");
		assertThat(fixtures.instanceState(instance)).isEqualTo("RUNNING");
	}

	@Test
	void a_cancelled_paid_server_is_stopped_and_scheduled_for_deletion_after_the_retention() {
		World world = fixtures.world();
		SubscriptionId subscription = fixtures.order(world, world.bareVmPlan(), false);
		UUID deployment = fixtures.deploymentOf(subscription);
		fixtures.awaitState(deployment, "READY");

		assertThat(subscriptions.cancelImmediately(subscription, "Customer left")).isTrue();

		fixtures.awaitState(deployment, "TEARDOWN_REQUESTED");
		org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(fixtures.instanceState(fixtures.instanceOf(deployment)))
			.isEqualTo("STOPPED"));
		Instant teardownAt = Instant.parse(fixtures.read(fixtures.get("/api/v1/deployments/" + deployment, world.customer()),
				"$.teardownAt"));
		assertThat(teardownAt).isCloseTo(Instant.now().plus(7, ChronoUnit.DAYS), within(5, ChronoUnit.MINUTES));
	}

	@Test
	void a_cancelled_trial_is_destroyed_at_once_and_leaves_nothing_behind() {
		World world = fixtures.world();
		SubscriptionId subscription = fixtures.order(world, world.bareVmPlan(), true);
		UUID deployment = fixtures.deploymentOf(subscription);
		fixtures.awaitState(deployment, "READY");
		UUID instance = fixtures.instanceOf(deployment);

		assertThat(subscriptions.cancelImmediately(subscription, "Trial ended")).isTrue();

		fixtures.awaitState(deployment, "DESTROYED");
		assertThat(fixtures.instanceState(instance)).isEqualTo("DELETED");
		assertThat(jdbc.sql("select count(*) from compute_allocations where instance_id = ?").param(instance)
			.query(Integer.class).single()).as("its capacity is free").isZero();
	}

	@Test
	void a_server_cancelled_while_it_deploys_is_torn_down_after_the_current_step() {
		World world = fixtures.world(Map.of("simulateGuest", false));
		SubscriptionId subscription = fixtures.order(world, world.dataDiskPlan(), false);
		UUID deployment = fixtures.deploymentOf(subscription);
		fixtures.awaitState(deployment, "AWAITING_GUEST");

		assertThat(subscriptions.cancelImmediately(subscription, "Changed my mind")).isTrue();

		fixtures.awaitState(deployment, "DESTROYED");
		assertThat(fixtures.instanceState(fixtures.instanceOf(deployment))).isEqualTo("DELETED");
		assertThat(fixtures.succeededSteps(deployment)).doesNotContainKey("NOTIFYING");
	}

	@Test
	void a_deployment_is_seen_by_its_customer_its_vendor_and_operators_only() {
		World world = fixtures.world();
		UUID deployment = fixtures.deploymentOf(fixtures.order(world, world.bareVmPlan(), false));
		fixtures.awaitState(deployment, "READY");
		String uri = "/api/v1/deployments/" + deployment;

		assertThat(fixtures.get(uri, world.vendor())).hasStatusOk();
		assertThat(fixtures.get(uri, world.operator())).hasStatusOk().bodyJson().extractingPath("$.timeline[1].worker")
			.asString().contains("#");
		assertThat(fixtures.get(uri, accounts.customer())).hasStatus(404);
		assertThat(fixtures.get(uri, accounts.vendor())).hasStatus(404);
		assertThat(fixtures.get("/api/v1/deployments/" + UUID.randomUUID(), world.customer())).hasStatus(404);
		assertThat(fixtures.send("POST", uri + "/retry", null, world.customer())).hasStatus(403);
		assertThat(fixtures.send("POST", uri + "/retry", null, world.operator())).hasStatus(409).bodyJson()
			.extractingPath("$.detail").asString().contains("Only a failed deployment");
		assertThat(fixtures.get("/api/v1/deployments?state=SIDEWAYS", world.operator())).hasStatus(400);
	}
}
