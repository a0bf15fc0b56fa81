package io.skyport.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import io.skyport.billing.SubscriptionId;
import io.skyport.deployer.DeployerFixtures.World;
import io.skyport.testing.SkyportProcess;

/**
 * A server dies with {@code kill -9} right after a step committed; another one on the same database finishes the
 * deployment. This test's own context only places orders (its scheduler executes nothing): the deployments run in
 * child JVMs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "skyport.storage.local.root=target/test-objects", "skyport.compute.probe-enabled=false",
				"skyport.accounts.login.max-failures-per-address=1000000", "skyport.scheduler.enabled=false" })
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeploymentCrashTests {

	static final List<String> FAST_DEAD_EXECUTION_DETECTION = List.of("--skyport.scheduler.heartbeat-interval=1s",
			"--skyport.scheduler.missed-heartbeats-limit=4", "--skyport.scheduler.polling-interval=500ms");

	@Autowired
	DeployerFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Value("${spring.datasource.url}")
	String jdbcUrl;

	@Test
	void a_server_killed_right_after_creating_the_vm_is_replaced_by_another_that_finishes_with_one_machine() {
		World world = fixtures.world();
		UUID deployment;
		try (SkyportProcess first = SkyportProcess.start("crash-first", DeployerProcess.class, jdbcUrl,
				withFreeze("CREATING_VM"))) {
			SubscriptionId subscription = fixtures.order(world, world.bareVmPlan(), false);
			deployment = fixtures.deploymentOf(subscription);
			String froze = first.awaitLine(line -> line.startsWith("FROZE " + deployment), Duration.ofMinutes(4));
			assertThat(froze).endsWith("CREATING_VM");
			assertThat(fixtures.state(deployment)).as("CREATING_VM committed").isEqualTo("CONFIGURING_ACCESS");

			first.kill();
		}

		try (SkyportProcess second = SkyportProcess.start("crash-second", DeployerProcess.class, jdbcUrl,
				FAST_DEAD_EXECUTION_DETECTION)) {
			fixtures.awaitState(deployment, "READY", Duration.ofMinutes(4));

			UUID instance = fixtures.instanceOf(deployment);
			assertThat(fixtures.succeededSteps(deployment)).as("each step succeeded once, the first half in the killed "
					+ "server").containsEntry("CHECKING_PREREQUISITES", 1).containsEntry("CREATING_VM", 1)
				.containsEntry("STARTING", 1).containsEntry("AWAITING_GUEST", 1).containsEntry("NOTIFYING", 1);
			assertThat(jdbc.sql("select count(*) from compute_instances where deployment_id = ?").param(deployment)
				.query(Integer.class).single()).as("one instance").isEqualTo(1);
			assertThat(fixtures.instanceState(instance)).isEqualTo("RUNNING");
			// The killed server's test hypervisor died with it: the machine the second server's host holds is the
			// only one, and it carries the instance's ID (libvirt names are unique per host).
			HttpResponse<String> xml = second.get("/api/v1/instances/" + instance + "/domain-xml",
					world.operator().bearer());
			assertThat(xml.statusCode()).isEqualTo(200);
			assertThat(xml.body()).contains("<domain").contains(instance.toString());
		}
	}

	private static List<String> withFreeze(String step) {
		List<String> arguments = new java.util.ArrayList<>(FAST_DEAD_EXECUTION_DETECTION);
		arguments.add("--test.freeze-after=" + step);
		return arguments;
	}
}
