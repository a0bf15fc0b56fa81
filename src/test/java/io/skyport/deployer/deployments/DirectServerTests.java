package io.skyport.deployer.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.SubscriptionId;
import io.skyport.deployer.DeployerFixtures;
import io.skyport.deployer.DeployerFixtures.World;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * Direct servers through the real API: created by type or size, refused field by field without writing anything,
 * deployed on libvirt's test hypervisor, deleted at once, and billed by the hour on the monthly invoice.
 */
@SkyportIntegrationTest
class DirectServerTests {

	@Autowired
	DeployerFixtures fixtures;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	ServerHourRecorder recorder;

	@Autowired
	JdbcClient jdbc;

	/** A priced server type of the world's bare-VM plan's size (which fits its node). */
	private String pricedType(World world) {
		String type = "t-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(fixtures.send("POST", "/api/v1/admin/server-types",
				Map.of("name", type, "vcpus", world.bareVmPlan().vcpus(), "memoryMib", world.bareVmPlan().memoryMib(),
						"diskGib", world.bareVmPlan().diskGib()),
				world.operator())).hasStatus(201);
		assertThat(fixtures.send("PUT", "/api/v1/admin/server-prices/types/" + type,
				Map.of("currency", "EUR", "hourly", "0.0125"), world.operator())).hasStatusOk();
		assertThat(jdbc.sql("select count(*) from audit_entries where action = 'billing.server-price.changed' "
				+ "and target_id = ? and actor_user_id = ?").param(type).param(world.operator().user().userId().id())
			.query(Long.class).single()).as("the price change is audited").isEqualTo(1);
		return type;
	}

	private Map<String, Object> request(World world, String type, String name) {
		Map<String, Object> body = new HashMap<>();
		body.put("name", name);
		body.put("description", "A direct server");
		body.put("tags", List.of("env=test"));
		body.put("region", world.region());
		body.put("serverType", type);
		body.put("imageId", world.bareVmPlan().imageId().id());
		body.put("sshKeyIds", List.of(world.sshKeyId()));
		return body;
	}

	private static String name() {
		return "srv-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private long written(TestUser customer) {
		return jdbc.sql("select (select count(*) from deployments where organisation_id = :org) "
				+ "+ (select count(*) from compute_instances where organisation_id = :org) "
				+ "+ (select count(*) from compute_projects where organisation_id = :org)")
			.param("org", customer.user().organisationId().id())
			.query(Long.class)
			.single();
	}

	@Test
	void a_server_created_through_the_api_reaches_ready_and_its_delete_removes_it() {
		World world = fixtures.world();
		String type = pricedType(world);
		assertThat(fixtures.get("/api/v1/server-types", world.customer())).hasStatusOk().bodyJson()
			.extractingPath("$[*].name").asArray().contains(type);

		MvcTestResult created = fixtures.send("POST", "/api/v1/instances", request(world, type, name()),
				world.customer());
		assertThat(created).hasStatus(202);
		UUID deployment = UUID.fromString(fixtures.read(created, "$.deploymentId"));
		UUID instance = UUID.fromString(fixtures.read(created, "$.instanceId"));
		fixtures.awaitState(deployment, "READY");
		assertThat(fixtures.instanceOf(deployment)).isEqualTo(instance);
		assertThat(fixtures.instanceState(instance)).isEqualTo("RUNNING");
		assertThat(fixtures.get("/api/v1/deployments/" + deployment, world.customer())).bodyJson()
			.extractingPath("$.serverType").isEqualTo(type);
		assertThat(fixtures.get("/api/v1/deployments/" + deployment, world.customer())).bodyJson()
			.doesNotHavePath("$.subscriptionId");

		assertThat(fixtures.send("DELETE", "/api/v1/instances/" + instance, null, accounts.customer())).hasStatus(404);
		MvcTestResult deleted = fixtures.send("DELETE", "/api/v1/instances/" + instance, null, world.customer());
		assertThat(deleted).hasStatus(202);
		assertThat(fixtures.read(deleted, "$.deploymentId")).isEqualTo(deployment.toString());
		fixtures.awaitState(deployment, "DESTROYED");
		assertThat(fixtures.instanceState(instance)).isEqualTo("DELETED");
	}

	@Test
	void bad_requests_are_refused_naming_the_field_and_write_nothing() {
		World world = fixtures.world();
		String type = pricedType(world);
		TestUser customer = world.customer();
		TestUser stranger = accounts.customer();
		UUID strangersKey = UUID.fromString(fixtures.read(fixtures.send("POST", "/api/v1/ssh-keys",
				Map.of("name", "other", "publicKey", DeployerFixtures.ED25519), stranger), "$.id"));
		UUID strangersProject = UUID.fromString(fixtures.read(fixtures.send("POST", "/api/v1/projects",
				Map.of("name", "theirs"), stranger), "$.id"));
		long before = written(customer);

		List<Object[]> cases = new ArrayList<>();
		cases.add(bad(request(world, type, name()), "vcpus", 2, 400, "serverType"));
		cases.add(bad(request(world, type, name()), "serverType", "no-such-type", 400, "serverType"));
		cases.add(bad(request(world, type, name()), "region", "nowhere-1", 400, "region"));
		cases.add(bad(request(world, type, name()), "imageId", UUID.randomUUID(), 400, "imageId"));
		cases.add(bad(request(world, type, name()), "sshKeyIds", List.of(strangersKey), 400, "sshKeyIds"));
		cases.add(bad(request(world, type, name()), "sshKeyIds", List.of(), 400, "sshKeyIds"));
		cases.add(bad(request(world, type, name()), "name", "Not_A_Host", 400, "name"));
		cases.add(bad(request(world, type, name()), "tags", List.of("has space"), 400, "tags"));
		cases.add(bad(request(world, type, name()), "dataDiskGib", 0, 400, "dataDiskGib"));
		cases.add(bad(request(world, type, name()), "projectId", strangersProject, 404, null));
		cases.add(bad(request(world, type, name()), "projectId", UUID.randomUUID(), 404, null));
		for (Object[] c : cases) {
			@SuppressWarnings("unchecked")
			Map<String, Object> body = (Map<String, Object>) c[0];
			MvcTestResult result = fixtures.send("POST", "/api/v1/instances", body, customer);
			assertThat(result).as("%s", body).hasStatus((Integer) c[1]);
			assertThat(result.getResponse().getContentType()).contains("problem+json");
			if (c[2] != null) {
				assertThat(result).as("%s", body).bodyJson().extractingPath("$.errors[*].field").asArray()
					.contains(c[2]);
			}
		}

		Map<String, Object> huge = request(world, null, name());
		huge.remove("serverType");
		huge.putAll(Map.of("vcpus", 256, "memoryMib", 1024, "diskGib", 20));
		assertThat(fixtures.send("PUT", "/api/v1/admin/server-prices/custom", Map.of("currency", "EUR", "vcpuHour",
				"0.01", "gibRamHour", "0.005", "gibDiskHour", "0.0001"), world.operator())).hasStatusOk();
		MvcTestResult full = fixtures.send("POST", "/api/v1/instances", huge, customer);
		assertThat(full).hasStatus(409);
		assertThat(fixtures.read(full, "$.detail")).contains(world.region()).containsIgnoringCase("vcpu");

		assertThat(fixtures.send("POST", "/api/v1/instances", request(world, type, name()), world.vendor()))
			.hasStatus(403);
		assertThat(written(customer)).as("nothing written when refused").isEqualTo(before);

		// A name a live server of the project has already.
		String name = name();
		MvcTestResult first = fixtures.send("POST", "/api/v1/instances", request(world, type, name), customer);
		assertThat(first).hasStatus(202);
		UUID deployment = UUID.fromString(fixtures.read(first, "$.deploymentId"));
		fixtures.awaitState(deployment, "READY");
		long afterFirst = written(customer);
		MvcTestResult again = fixtures.send("POST", "/api/v1/instances", request(world, type, name), customer);
		assertThat(again).hasStatus(409);
		assertThat(fixtures.read(again, "$.detail")).contains(name);
		assertThat(written(customer)).isEqualTo(afterFirst);

		// A subscription's server is removed by cancelling the subscription.
		SubscriptionId subscription = fixtures.order(world, world.bareVmPlan(), false);
		UUID ordered = fixtures.instanceOf(fixtures.deploymentOf(subscription));
		MvcTestResult refused = fixtures.send("DELETE", "/api/v1/instances/" + ordered, null, customer);
		assertThat(refused).hasStatus(409);
		assertThat(fixtures.read(refused, "$.detail")).contains("cancel the subscription");
	}

	private static Object[] bad(Map<String, Object> body, String field, Object value, int status, String named) {
		body.put(field, value);
		return new Object[] { body, status, named };
	}

	@Test
	void every_hour_is_recorded_once_even_when_the_job_runs_twice_and_the_invoice_shows_them() {
		World world = fixtures.world();
		String type = pricedType(world);
		String name = name();
		MvcTestResult created = fixtures.send("POST", "/api/v1/instances", request(world, type, name),
				world.customer());
		assertThat(created).hasStatus(202);
		UUID deployment = UUID.fromString(fixtures.read(created, "$.deploymentId"));
		UUID instance = UUID.fromString(fixtures.read(created, "$.instanceId"));
		fixtures.awaitState(deployment, "READY");
		// It became ready at 21:30 on the last day of the previous month (UTC).
		jdbc.sql("update deployments set ready_at = date_trunc('month', now() at time zone 'UTC') at time zone 'UTC' "
				+ "- interval '2 hours 30 minutes' where id = ?").param(deployment).update();

		recorder.recordDueHours();
		long hours = hoursOf(instance);
		recorder.recordDueHours();

		assertThat(hoursOf(instance)).as("a second run records nothing again").isEqualTo(hours);
		long expected = jdbc.sql("select extract(epoch from (date_trunc('hour', now()) - (date_trunc('month', "
				+ "now() at time zone 'UTC') at time zone 'UTC' - interval '3 hours'))) / 3600")
			.query(Long.class).single();
		assertThat(hours).as("every ended hour since 21:00 of last month's last day").isEqualTo(expected);
		assertThat(jdbc.sql("select count(*) from usage_records where instance_id = ? and metric = 'server_hours' "
				+ "and hour < date_trunc('month', now() at time zone 'UTC') at time zone 'UTC' and unit_price = 0.0125")
			.param(instance).query(Long.class).single()).isEqualTo(3);

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		MvcTestResult run = fixtures.send("POST", "/api/v1/billing/runs", Map.of("asOf", today.toString()),
				world.operator());
		assertThat(run).hasStatus(201);
		MvcTestResult invoices = fixtures.get("/api/v1/invoices", world.customer());
		String invoiceId = fixtures.read(invoices, "$[0].id");
		MvcTestResult invoice = fixtures.get("/api/v1/invoices/" + invoiceId, world.customer());
		assertThat(invoice).hasStatusOk().bodyJson().extractingPath("$.lines[*].description").asArray()
			.contains("Server " + name + " (" + type + "): 3 hours at EUR 0.0125 per hour");
		assertThat(invoice).bodyJson().extractingPath("$.lines[0].amount").asNumber().satisfies(
				amount -> assertThat(amount.doubleValue()).isEqualTo(0.04));

		// Settled hours are not invoiced again.
		assertThat(fixtures.send("POST", "/api/v1/billing/runs", Map.of("asOf", today.toString()), world.operator()))
			.hasStatus(201);
		assertThat(fixtures.get("/api/v1/invoices", world.customer())).bodyJson().extractingPath("$")
			.asArray().hasSize(1);
	}

	private long hoursOf(UUID instance) {
		return jdbc.sql("select count(*) from usage_records where instance_id = ? and metric = 'server_hours'")
			.param(instance).query(Long.class).single();
	}
}
