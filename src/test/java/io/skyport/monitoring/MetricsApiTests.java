package io.skyport.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import tools.jackson.databind.json.JsonMapper;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.InstanceDetails;
import io.skyport.monitoring.MonitoringFixtures.TestNode;
import io.skyport.monitoring.collection.Collector;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * Collection from libvirt's real test hypervisor (its domain statistics are real libvirt calls) and the series API:
 * the owner and operators read a server's series, operators a node's, everyone else is told the server does not
 * exist, and bad parameters are refused with the reason.
 */
@SkyportIntegrationTest
class MetricsApiTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	MonitoringFixtures monitoring;

	@Autowired
	Collector collector;

	@Autowired
	JdbcClient jdbc;

	TestUser owner;
	TestNode node;
	InstanceDetails server;

	@BeforeEach
	void aRunningServer() {
		owner = accounts.customer();
		node = monitoring.node();
		server = monitoring.running(owner.user().organisationId(), node, "graphs-1", null);
	}

	@Test
	void rounds_sample_running_servers_and_their_node_and_the_owner_reads_the_series() throws Exception {
		Instant now = Instant.now();
		Collector.Round first = collector.round(now.minusSeconds(30));
		Collector.Round second = collector.round(now.minusSeconds(15));

		assertThat(first.missed()).as("other tests' nodes may be missed, not this one")
			.noneMatch(missed -> missed.startsWith(node.name() + " "));
		assertThat(second.instances()).isPositive();
		assertThat(jdbc.sql("select count(*) from monitoring_instance_samples where instance_id = ?")
			.param(server.id().id()).query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("select cpu_percent from monitoring_instance_samples where instance_id = ? "
				+ "order by sampled_at desc limit 1").param(server.id().id()).query(Double.class).single())
			.as("the second sample of a run has a CPU share").isBetween(0.0, 100.0);
		assertThat(jdbc.sql("select disk_read from monitoring_instance_samples where instance_id = ? "
				+ "order by sampled_at desc limit 1").param(server.id().id()).query(Long.class).single())
			.as("the test hypervisor's disk counters grow").isPositive();

		MvcTestResult result = get("/api/v1/instances/" + server.id() + "/metrics?metric=cpu,memory_used&metric=disk_read"
				+ "&from=" + now.minusSeconds(120) + "&to=" + now + "&step=15s", owner);
		assertThat(result).hasStatusOk();
		Map<?, ?> body = json.readValue(result.getResponse().getContentAsString(), Map.class);
		assertThat(body.get("name")).isEqualTo("graphs-1");
		assertThat(body.get("resolution")).isEqualTo("raw");
		assertThat(body.get("step")).isEqualTo(15);
		assertThat((List<?>) body.get("timestamps")).hasSize(2);
		List<?> series = (List<?>) body.get("series");
		assertThat(series.stream().map(s -> (Object) ((Map<?, ?>) s).get("metric")).toList())
			.containsExactly("cpu", "memory_used", "disk_read");
		assertThat((List<?>) ((Map<?, ?>) series.get(1)).get("values")).allSatisfy(v -> assertThat(((Number) v).longValue()).isPositive());

		MvcTestResult nodeSeries = get("/api/v1/compute/nodes/" + node.id() + "/metrics?metric=domains,pool_used&from="
				+ now.minusSeconds(120), accounts.operator());
		assertThat(nodeSeries).hasStatusOk().bodyJson().extractingPath("$.series[0].values[0]").isNotNull();
		assertThat(get("/api/v1/compute/nodes/" + node.id() + "/metrics", owner)).hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void another_customers_server_does_not_exist_for_them() {
		assertThat(get("/api/v1/instances/" + server.id() + "/metrics", accounts.customer()))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(get("/api/v1/instances/" + server.id() + "/metrics", accounts.operator())).hasStatusOk();
	}

	@Test
	void bad_parameters_are_refused_with_the_reason_and_the_parameter() {
		String base = "/api/v1/instances/" + server.id() + "/metrics";
		assertThat(get(base + "?metric=cpu,load_average", owner)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson().extractingPath("$.errors[0]").satisfies(error -> assertThat(error.toString())
				.contains("metric").contains("There is no metric 'load_average'").contains("network_in"));
		assertThat(get(base + "?from=2026-12-07T10:00:00Z&to=2026-12-07T09:00:00Z", owner))
			.hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("must end after it starts");
		assertThat(get(base + "?from=yesterday", owner)).hasStatus(HttpStatus.BAD_REQUEST).bodyText()
			.contains("is not a time");
		assertThat(get(base + "?step=-5", owner)).hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("positive");
		assertThat(get(base + "?step=1s", owner)).hasStatus(HttpStatus.BAD_REQUEST).bodyText()
			.contains("finer than samples are taken");
		assertThat(get(base + "?from=" + Instant.now().minusSeconds(30 * 86400) + "&step=15", owner))
			.hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("at most 2000");
		assertThat(get(base + "?from=" + Instant.now().minusSeconds(900L * 86400) + "&step=1d", owner))
			.hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("days samples are kept");
		assertThat(get(base + "?step=soon", owner)).hasStatus(HttpStatus.BAD_REQUEST).bodyText()
			.contains("is not a step");
	}

	private MvcTestResult get(String uri, TestUser user) {
		return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer()).exchange();
	}
}
