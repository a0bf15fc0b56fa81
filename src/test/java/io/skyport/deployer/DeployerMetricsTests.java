package io.skyport.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.skyport.billing.SubscriptionId;
import io.skyport.deployer.DeployerFixtures.World;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * The deployer's series follow real deployments: {@code skyport_deployments{state}} counts a deployment that failed
 * and one that became ready, and each step that ended is timed under its outcome.
 */
@SkyportIntegrationTest
class DeployerMetricsTests {

	@Autowired
	DeployerFixtures fixtures;

	@Autowired
	MeterRegistry meters;

	@Test
	void a_failed_deployment_is_counted_as_failed_and_its_failed_step_is_timed() {
		World world = fixtures.world();
		double failed = deployments("failed");
		long failedChecks = steps("checking_prerequisites", "failed");

		MvcTestResult placed = fixtures.send("POST", "/api/v1/orders",
				Map.of("planId", world.bareVmPlan().planId().id(), "region", world.region()), world.customer());
		assertThat(placed).hasStatus(201);
		UUID deployment = fixtures.deploymentOf(
				new SubscriptionId(UUID.fromString(fixtures.read(placed, "$.subscriptionId"))));
		fixtures.awaitState(deployment, "FAILED");

		assertThat(deployments("failed")).isGreaterThanOrEqualTo(failed + 1);
		assertThat(steps("checking_prerequisites", "failed")).isGreaterThanOrEqualTo(failedChecks + 1);
	}

	@Test
	void a_ready_server_is_counted_as_ready_and_its_steps_are_timed() {
		World world = fixtures.world();
		double ready = deployments("ready");
		long created = steps("creating_vm", "succeeded");

		UUID deployment = fixtures.deploymentOf(fixtures.order(world, world.bareVmPlan(), false));
		fixtures.awaitState(deployment, "READY");

		assertThat(deployments("ready")).isGreaterThanOrEqualTo(ready + 1);
		assertThat(steps("creating_vm", "succeeded")).isGreaterThanOrEqualTo(created + 1);
		Timer creating = meters.get("skyport.deployer.step.duration").tag("step", "creating_vm")
			.tag("outcome", "succeeded").timer();
		assertThat(creating.takeSnapshot().histogramCounts()).as("published as a histogram with buckets").isNotEmpty();
	}

	private double deployments(String state) {
		return meters.get("skyport.deployments").tag("state", state).gauge().value();
	}

	private long steps(String step, String outcome) {
		Timer timer = meters.find("skyport.deployer.step.duration").tag("step", step).tag("outcome", outcome).timer();
		return timer == null ? 0 : timer.count();
	}
}
