package io.skyport.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import io.skyport.deployer.DeployerFixtures.World;
import io.skyport.testing.SkyportProcess;

/**
 * Two Skyport servers on one database share 50 deployments: each step of each deployment ran exactly once, and the
 * machines the two servers created add up to 50. This test's own context only places the orders.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "skyport.storage.local.root=target/test-objects", "skyport.compute.probe-enabled=false",
				"skyport.accounts.login.max-failures-per-address=1000000", "skyport.scheduler.enabled=false" })
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TwoServersDeployingTests {

	private static final int SERVERS = 50;
	private static final Pattern CREATED = Pattern.compile(
			"skyport_compute_provider_calls_seconds_count\\{[^}]*operation=\"createMachine\"[^}]*outcome=\"ok\"[^}]*} ([0-9.E]+)");

	@Autowired
	DeployerFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Value("${spring.datasource.url}")
	String jdbcUrl;

	@Test
	void fifty_deployments_shared_by_two_servers_run_every_step_exactly_once() {
		World world = fixtures.world();
		fixtures.addNodes(world, 4);
		String plan = fixtures.smallPlan(world);
		List<UUID> deployments = new ArrayList<>();
		for (int i = 0; i < SERVERS; i++) {
			deployments.add(fixtures.deploymentOf(fixtures.order(world, plan)));
		}

		try (SkyportProcess one = SkyportProcess.start("two-servers-one", DeployerProcess.class, jdbcUrl, List.of());
				SkyportProcess two = SkyportProcess.start("two-servers-two", DeployerProcess.class, jdbcUrl, List.of())) {
			Awaitility.await()
				.atMost(Duration.ofMinutes(6))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> jdbc.sql("select count(*) from deployments where id in (:ids) and state = 'READY'")
					.param("ids", deployments)
					.query(Integer.class)
					.single() == SERVERS);

			Map<String, Integer> perStep = new HashMap<>();
			jdbc.sql("""
					select step, count(*) from deployment_steps
					where deployment_id in (:ids) and outcome = 'SUCCEEDED' and step <> 'REQUESTED'
					group by step""")
				.param("ids", deployments)
				.query((rs, n) -> perStep.put(rs.getString(1), rs.getInt(2)))
				.list();
			assertThat(perStep).as("every step of every deployment succeeded once").containsOnly(
					Map.entry("CHECKING_PREREQUISITES", SERVERS), Map.entry("CREATING_VM", SERVERS),
					Map.entry("STARTING", SERVERS), Map.entry("AWAITING_GUEST", SERVERS), Map.entry("NOTIFYING", SERVERS));
			assertThat(jdbc.sql("select count(*) from deployment_steps where deployment_id in (:ids) "
					+ "and outcome not in ('SUCCEEDED', 'SKIPPED')").param("ids", deployments).query(Integer.class).single())
				.as("no attempt failed, was interrupted or ran twice").isZero();

			long createdByOne = machinesCreated(one, world);
			long createdByTwo = machinesCreated(two, world);
			assertThat(createdByOne + createdByTwo).as("machines created by both servers").isEqualTo(SERVERS);
			List<String> workers = jdbc.sql("select distinct worker from deployment_steps where deployment_id in (:ids) "
					+ "and worker <> ''").param("ids", deployments).query(String.class).list();
			assertThat(workers).as("both servers worked").anyMatch(worker -> worker.endsWith("#" + one.pid()))
				.anyMatch(worker -> worker.endsWith("#" + two.pid()));
		}
	}

	private static long machinesCreated(SkyportProcess server, World world) {
		HttpResponse<String> metrics = server.get("/actuator/prometheus", world.operator().bearer());
		assertThat(metrics.statusCode()).isEqualTo(200);
		Matcher created = CREATED.matcher(metrics.body());
		return created.find() ? Math.round(Double.parseDouble(created.group(1))) : 0;
	}
}
