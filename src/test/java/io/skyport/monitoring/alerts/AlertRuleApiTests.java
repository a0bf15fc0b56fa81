package io.skyport.monitoring.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceId;
import io.skyport.compute.NewInstance;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alert rules over the API and in the panel: customers' rules for their own servers only (someone else's server or
 * rule: 404), rules that could never fire refused with the field and the reason (400 problem, form error), built-ins
 * tuned but never deleted, and the operators' rules for operators only.
 */
@SkyportIntegrationTest
class AlertRuleApiTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	ComputeFixtures compute;

	TestUser customer;
	TestUser other;
	TestUser operator;
	String region;
	InstanceId server;
	InstanceId othersServer;

	@BeforeEach
	void customersWithServers() {
		customer = accounts.customer();
		other = accounts.customer();
		operator = accounts.operator();
		ImageSummary image = compute.image(1);
		region = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> node = new HashMap<>();
		node.put("name", "node-" + region);
		node.put("uri", "test:///default");
		node.put("region", region);
		node.put("virtType", "QEMU");
		node.put("storagePool", "default-pool");
		assertThat(send("POST", "/api/v1/compute/nodes", node, operator)).hasStatus(201);
		server = compute.create(new NewInstance(customer.user().organisationId(), null, "web-1", null, List.of(), region,
				1, 256, 1, null, null, image.id(), List.of(), null, null, null, null));
		othersServer = compute.create(new NewInstance(other.user().organisationId(), null, "db-1", null, List.of(),
				region, 1, 256, 1, null, null, image.id(), List.of(), null, null, null, null));
	}

	@Test
	void a_customer_adds_changes_and_deletes_a_rule_for_their_server() {
		MvcTestResult created = send("POST", "/api/v1/alert-rules", Map.of("metric", "cpu", "threshold", 90,
				"durationMinutes", 5, "scope", "instance", "instanceId", server.id().toString()), customer);
		assertThat(created).hasStatus(201);
		String id = JsonPath.read(body(created), "$.id");
		assertThat(created.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/api/v1/alert-rules/" + id);
		assertThat(JsonPath.<String>read(body(created), "$.name")).isEqualTo("CPU above 90 % for 5 minutes");
		assertThat(JsonPath.<String>read(body(created), "$.scopeTarget")).isEqualTo(server.id().toString());
		assertThat(JsonPath.<Boolean>read(body(created), "$.enabled")).isTrue();

		MvcTestResult replaced = send("PUT", "/api/v1/alert-rules/" + id, Map.of("name", "Memory low",
				"metric", "memory_available", "comparison", "below", "threshold", 104857600, "durationMinutes", 60,
				"scope", "all", "enabled", false), customer);
		assertThat(replaced).hasStatusOk();
		assertThat(JsonPath.<String>read(body(replaced), "$.metric")).isEqualTo("memory_available");
		assertThat(JsonPath.<String>read(body(replaced), "$.comparison")).isEqualTo("below");
		assertThat(JsonPath.<String>read(body(replaced), "$.scope")).isEqualTo("all");
		assertThat(JsonPath.<Boolean>read(body(replaced), "$.enabled")).isFalse();

		assertThat(JsonPath.<List<String>>read(body(send("GET", "/api/v1/alert-rules", null, customer)), "$[*].id"))
			.containsExactly(id);
		assertThat(JsonPath.<List<String>>read(body(send("GET", "/api/v1/alert-rules", null, other)), "$[*].id"))
			.doesNotContain(id);
		assertThat(send("DELETE", "/api/v1/alert-rules/" + id, null, customer)).hasStatus(204);
		assertThat(send("GET", "/api/v1/alert-rules/" + id, null, customer)).hasStatus(404);
	}

	@Test
	void another_organisations_server_or_rule_is_not_found() {
		MvcTestResult foreign = send("POST", "/api/v1/alert-rules", Map.of("metric", "cpu", "threshold", 90,
				"durationMinutes", 5, "scope", "instance", "instanceId", othersServer.id().toString()), customer);
		assertThat(foreign).hasStatus(404);
		assertThat(body(foreign)).doesNotContain("db-1");

		String id = JsonPath.read(body(send("POST", "/api/v1/alert-rules", Map.of("metric", "cpu", "threshold", 50,
				"durationMinutes", 1, "scope", "all"), other)), "$.id");
		assertThat(send("GET", "/api/v1/alert-rules/" + id, null, customer)).hasStatus(404);
		assertThat(send("PUT", "/api/v1/alert-rules/" + id, Map.of("metric", "cpu", "threshold", 60,
				"durationMinutes", 1, "scope", "all"), customer)).hasStatus(404);
		assertThat(send("DELETE", "/api/v1/alert-rules/" + id, null, customer)).hasStatus(404);
		assertThat(send("GET", "/api/v1/alert-rules/" + id, null, other)).hasStatusOk()
			.bodyJson().extractingPath("$.threshold").isEqualTo(50.0);
		assertThat(send("GET", "/api/v1/admin/alert-rules/" + id, null, operator)).as("not an operators' rule")
			.hasStatus(404);
		assertThat(send("GET", "/api/v1/admin/alert-rules", null, customer)).hasStatus(403);
	}

	@Test
	void rules_that_could_never_fire_are_refused_with_the_field_and_the_reason() {
		assertProblem(Map.of("metric", "cpu", "threshold", 100, "durationMinutes", 5, "scope", "all"), "threshold",
				"CPU is never above 100 %, so this rule could never fire.");
		assertProblem(Map.of("metric", "cpu", "threshold", 120, "durationMinutes", 5, "scope", "all"), "threshold",
				"Use a threshold from 0 to 100 %.");
		assertProblem(Map.of("metric", "network_in", "comparison", "below", "threshold", 0, "durationMinutes", 5,
				"scope", "all"), "threshold", "Network in is never below 0, so this rule could never fire.");
		assertProblem(Map.of("metric", "cpu", "threshold", -1, "durationMinutes", 5, "scope", "all"), "threshold",
				"Use a threshold from 0 to 100 %.");
		assertProblem(Map.of("metric", "cpu", "threshold", 90, "durationMinutes", 0, "scope", "all"), "durationMinutes",
				"Use a duration from 1 to 1440 minutes (24 hours: the raw samples a rule reads are kept for a day).");
		assertProblem(Map.of("metric", "cpu", "threshold", 90, "durationMinutes", 1441, "scope", "all"),
				"durationMinutes", "Use a duration from 1 to 1440 minutes");
		assertProblem(Map.of("metric", "pool_used", "threshold", 90, "durationMinutes", 5, "scope", "all"),
				"metric", "'pool_used' is not a metric of your servers.");
		assertProblem(Map.of("subjectKind", "node", "metric", "pool_used", "threshold", 90, "durationMinutes", 5,
				"scope", "all"), "subjectKind", "Rules for your servers watch server metrics: use instance.");
		assertProblem(Map.of("metric", "cpu", "threshold", 90, "durationMinutes", 5, "scope", "region", "region",
				region), "scope", "Use instance (one of your servers) or all (all your servers).");
		assertProblem(Map.of("metric", "cpu", "threshold", 90, "durationMinutes", 5, "scope", "instance",
				"instanceId", "web-1"), "instanceId", "'web-1' is not an ID.");

		MvcTestResult several = send("POST", "/api/v1/alert-rules", Map.of("comparison", "sideways"), customer);
		assertThat(several).hasStatus(400);
		assertThat(JsonPath.<List<String>>read(body(several), "$.errors[*].field"))
			.contains("metric", "comparison", "threshold", "durationMinutes", "scope");
		assertThat(send("POST", "/api/v1/alert-rules", "{\"metric\":\"cpu\",\"threshold\":\"lots\"}", customer))
			.hasStatus(400);
		assertThat(JsonPath.<List<Object>>read(body(send("GET", "/api/v1/alert-rules", null, customer)), "$"))
			.as("nothing half-written").isEmpty();
	}

	@Test
	void operators_tune_built_ins_but_cannot_delete_them_or_set_impossible_thresholds() {
		String rules = body(send("GET", "/api/v1/admin/alert-rules", null, operator));
		assertThat(JsonPath.<List<String>>read(rules, "$[*].builtIn")).contains("NODE_DOWN", "DEPLOYMENT_FAILED",
				"EMAIL_FAILING", "EVENTS_ABANDONED", "POOL_NEARLY_FULL");
		String pool = JsonPath.<List<String>>read(rules, "$[?(@.builtIn == 'POOL_NEARLY_FULL')].id").getFirst();

		assertThat(send("DELETE", "/api/v1/admin/alert-rules/" + pool, null, operator)).hasStatus(409);
		MvcTestResult impossible = send("PUT", "/api/v1/admin/alert-rules/" + pool,
				Map.of("enabled", true, "threshold", 100, "durationMinutes", 5), operator);
		assertThat(impossible).hasStatus(400);
		assertThat(JsonPath.<List<String>>read(body(impossible), "$.errors[*].field")).containsExactly("threshold");

		MvcTestResult tuned = send("PUT", "/api/v1/admin/alert-rules/" + pool,
				Map.of("enabled", true, "threshold", 85, "durationMinutes", 10), operator);
		try {
			assertThat(tuned).hasStatusOk();
			assertThat(JsonPath.<Double>read(body(tuned), "$.threshold")).isEqualTo(85.0);
			assertThat(JsonPath.<Integer>read(body(tuned), "$.durationMinutes")).isEqualTo(10);
			assertThat(JsonPath.<String>read(body(tuned), "$.metric")).isEqualTo("pool_used");
		}
		finally {
			send("PUT", "/api/v1/admin/alert-rules/" + pool, Map.of("enabled", true, "threshold", 90,
					"durationMinutes", 5), operator);
		}
	}

	@Test
	void operators_watch_a_region_with_a_node_metric() {
		MvcTestResult created = send("POST", "/api/v1/admin/alert-rules", Map.of("subjectKind", "node", "metric", "pool_used",
				"threshold", 80, "durationMinutes", 10, "scope", "region", "region", region), operator);
		assertThat(created).hasStatus(201);
		String id = JsonPath.read(body(created), "$.id");
		assertThat(JsonPath.<String>read(body(created), "$.scopeTarget")).isEqualTo(region);
		assertThat(send("POST", "/api/v1/admin/alert-rules", Map.of("metric", "cpu", "threshold", 80,
				"durationMinutes", 10, "scope", "region", "region", "nowhere"), operator)).hasStatus(400)
			.bodyText().contains("There is no region 'nowhere'");
		assertThat(send("DELETE", "/api/v1/admin/alert-rules/" + id, null, operator)).hasStatus(204);
	}

	@Test
	void the_panel_page_lists_adds_with_form_errors_and_needs_csrf() {
		MockHttpSession session = session(customer);
		String page = page(session, "/panel/alerts");
		assertThat(page).contains("Add a rule").contains("web-1").doesNotContain("db-1");

		assertThat(mvc.post().uri("/panel/alerts/rules").session(session).param("metric", "cpu")
			.param("threshold", "90").param("durationMinutes", "5").param("scope", "all")).hasStatus(403);

		MvcTestResult refused = mvc.post().uri("/panel/alerts/rules").with(csrf()).session(session)
			.param("metric", "cpu").param("threshold", "150").param("durationMinutes", "0").param("scope", "all")
			.exchange();
		assertThat(refused).hasStatusOk();
		assertThat(body(refused)).contains("Use a threshold from 0 to 100 %.").contains("Use a duration from 1 to 1440");

		MvcTestResult letters = mvc.post().uri("/panel/alerts/rules").with(csrf()).session(session)
			.param("metric", "cpu").param("threshold", "ninety").param("durationMinutes", "5").param("scope", "all")
			.exchange();
		assertThat(body(letters)).contains("&#39;ninety&#39; is not a number.");

		assertThat(mvc.post().uri("/panel/alerts/rules").with(csrf()).session(session).param("metric", "cpu")
			.param("threshold", "90").param("durationMinutes", "5").param("scope", "instance")
			.param("instanceId", othersServer.id().toString())).hasStatus(404);

		assertThat(mvc.post().uri("/panel/alerts/rules").with(csrf()).session(session).param("metric", "cpu")
			.param("threshold", "90").param("durationMinutes", "5").param("scope", "instance")
			.param("instanceId", server.id().toString()).param("name", "Busy web")).hasRedirectedUrl("/panel/alerts");
		assertThat(page(session, "/panel/alerts")).contains("Busy web").contains("CPU above 90 % for 5 minutes");
		assertThat(mvc.get().uri("/panel/admin/alerts").session(session)).hasStatus(403);
		assertThat(page(session(operator), "/panel/admin/alerts")).contains("Node down")
			.contains("Storage pool nearly full").contains("E-mail delivery failing");
	}

	private void assertProblem(Map<String, Object> request, String field, String message) {
		MvcTestResult result = send("POST", "/api/v1/alert-rules", request, customer);
		assertThat(result).as(request.toString()).hasStatus(400);
		assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(JsonPath.<List<String>>read(body(result), "$.errors[*].field")).as(request.toString())
			.containsExactly(field);
		assertThat(JsonPath.<String>read(body(result), "$.errors[0].message")).startsWith(message);
	}

	private MvcTestResult send(String method, String uri, Object body, TestUser user) {
		var request = mvc.method(HttpMethod.valueOf(method)).uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer());
		if (body != null) {
			request = request.contentType(MediaType.APPLICATION_JSON)
				.content(body instanceof String text ? text : json.writeValueAsString(body));
		}
		return request.exchange();
	}

	private String page(MockHttpSession session, String uri) {
		MvcTestResult result = mvc.get().uri(uri).session(session).exchange();
		assertThat(result).hasStatusOk();
		return body(result);
	}

	private MockHttpSession session(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	private static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}
}
