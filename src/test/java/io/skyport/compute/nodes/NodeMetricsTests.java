package io.skyport.compute.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.micrometer.core.instrument.MeterRegistry;
import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code skyport_compute_nodes{state}} follows the nodes: an operator disabling a node moves it from its state to
 * {@code disabled}, deleting it takes it away.
 */
@SkyportIntegrationTest
class NodeMetricsTests {

	private static final String NODES = "/api/v1/compute/nodes";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	MeterRegistry meters;

	@Test
	void disabling_and_deleting_a_node_moves_the_counts() throws Exception {
		TestUser operator = accounts.operator();
		double disabled = nodes("disabled");
		double total = total();

		MvcTestResult created = send("POST", NODES, NodeApiTests.node("metrics-" + UUID.randomUUID().toString()
			.substring(0, 8), "test:///default", "metrics"), operator);
		assertThat(created).hasStatus(201);
		String id = JsonPath.read(created.getResponse().getContentAsString(), "$.id");
		assertThat(total()).isEqualTo(total + 1);

		assertThat(send("POST", NODES + "/" + id + "/actions", Map.of("action", "disable"), operator)).hasStatusOk();
		assertThat(nodes("disabled")).isEqualTo(disabled + 1);

		assertThat(send("DELETE", NODES + "/" + id, null, operator)).hasStatus(204);
		assertThat(nodes("disabled")).isEqualTo(disabled);
		assertThat(total()).isEqualTo(total);
	}

	private double nodes(String state) {
		return meters.get(NodeMetrics.NODES).tag("state", state).gauge().value();
	}

	private double total() {
		return meters.get(NodeMetrics.NODES).gauges().stream().mapToDouble(gauge -> gauge.value()).sum();
	}

	private MvcTestResult send(String method, String uri, Object body, TestUser user) {
		var request = mvc.method(HttpMethod.valueOf(method)).uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return request.exchange();
	}
}
