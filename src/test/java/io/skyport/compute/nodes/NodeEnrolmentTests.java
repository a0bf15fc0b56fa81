package io.skyport.compute.nodes;

import static io.skyport.compute.nodes.NodeApiTests.read;
import static io.skyport.compute.nodes.NodeApiTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.NodeCameUp;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hosts enrol with an operator's token and send heartbeats with their own; every wrong token gets the same 401.
 * The enrolling hosts point at a test-driver configuration file that does not exist, so their libvirt probe fails
 * at once with or without the libvirt adapter, and only heartbeats keep them up.
 */
@SkyportIntegrationTest
@RecordApplicationEvents
class NodeEnrolmentTests {

	static final String TOKENS = NodesWebConfiguration.ENROLMENT_TOKENS;
	static final String ENROL = NodesWebConfiguration.ENROL;
	static final String UNREACHABLE = "test:///nonexistent/skyport-enrolment-test.xml";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	TestUser operator;

	@BeforeEach
	void operator() {
		operator = accounts.operator();
	}

	@Test
	void an_enrolment_token_is_shown_once_and_only_its_hash_is_stored() {
		MvcTestResult created = operator("POST", TOKENS, Map.of("name", "rack 3", "region", "eu-west-1", "validHours", 2));

		assertThat(created).hasStatus(201);
		String token = read(created, "$.token");
		String id = read(created, "$.id");
		assertThat(token).startsWith("skpe_").hasSizeGreaterThan(45);
		assertThat(read(created, "$.region")).isEqualTo("eu-west-1");

		MvcTestResult listed = operator("GET", TOKENS, null);
		assertThat(listed).hasStatusOk().body().asString().doesNotContain(token).contains(token.substring(0, 9) + "…");
		assertThat(listed).bodyJson().extractingPath("$[?(@.id == '" + id + "')].status").asArray().containsExactly("ACTIVE");

		Map<String, Object> row = jdbc.sql("select * from compute_enrolment_tokens where id = :id")
			.param("id", UUID.fromString(id)).query().singleRow();
		assertThat((byte[]) row.get("token_hash")).isEqualTo(Secrets.sha256(token));
		assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(token.substring(5)));
	}

	@Test
	void a_host_enrols_gets_its_own_token_and_heartbeats_keep_it_up() {
		String token = enrolmentToken(null);
		String name = unique("enrolled");
		Map<String, Object> host = host(name, "eu-west-1");

		MvcTestResult enrolled = enrol(token, host);

		assertThat(enrolled).hasStatus(201);
		String id = read(enrolled, "$.id");
		String heartbeatToken = read(enrolled, "$.heartbeatToken");
		assertThat(heartbeatToken).startsWith("skpn_");
		assertThat(enrolled).bodyJson().extractingPath("$").asMap()
			.containsEntry("name", name)
			.containsEntry("region", "eu-west-1")
			.containsEntry("state", "DOWN")
			.containsEntry("heartbeatUrl", "/api/v1/compute/nodes/" + id + "/heartbeat")
			.containsEntry("heartbeatIntervalSeconds", 15);
		assertThat(enrolled.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/api/v1/compute/nodes/" + id);
		assertThat(jdbc.sql("select heartbeat_token_hash from compute_nodes where id = :id").param("id", UUID.fromString(id))
			.query(byte[].class).single()).isEqualTo(Secrets.sha256(heartbeatToken));
		assertThat(jdbc.sql("select uses from compute_enrolment_tokens where token_hash = :hash")
			.param("hash", Secrets.sha256(token)).query(Integer.class).single()).isEqualTo(1);

		assertThat(heartbeat(id, heartbeatToken, Map.of("freeMemoryMib", 6000, "freeDiskGib", 150, "load", 0.3)))
			.hasStatus(204);

		assertThat(operator("GET", NodeApiTests.NODES + "/" + id, null)).hasStatusOk().bodyJson().extractingPath("$")
			.asMap()
			.containsEntry("state", "UP")
			.containsEntry("enrolled", true)
			.containsEntry("vcpus", 4)
			.containsEntry("memoryMib", 7936)
			.containsEntry("diskGib", 180)
			.containsEntry("capacityOverridden", false)
			.containsEntry("freeMemoryMib", 6000)
			.containsEntry("missedChecks", 0)
			.containsKey("lastHeartbeatAt");
		assertThat(events.stream(NodeCameUp.class)).anyMatch(event -> event.nodeId().id().toString().equals(id));
		assertThat(heartbeat(id, heartbeatToken, null)).hasStatus(204);
	}

	@Test
	void wrong_tokens_get_the_same_401_without_a_hint() {
		String token = enrolmentToken(null);
		MvcTestResult enrolled = enrol(token, host(unique("victim"), "local"));
		String id = read(enrolled, "$.id");
		String other = read(enrol(token, host(unique("other"), "local")), "$.heartbeatToken");

		List<MvcTestResult> refused = List.of(
				enrol(null, host(unique("a"), "local")),
				enrol(Secrets.generate(Secrets.ENROLMENT_PREFIX), host(unique("b"), "local")),
				enrol(operator.token(), host(unique("c"), "local")),
				enrol(read(enrolled, "$.heartbeatToken"), host(unique("d"), "local")),
				heartbeat(id, null, null),
				heartbeat(id, token, null),
				heartbeat(id, other, null),
				heartbeat(id, Secrets.generate(Secrets.HEARTBEAT_PREFIX), null),
				heartbeat(UUID.randomUUID().toString(), read(enrolled, "$.heartbeatToken"), null),
				heartbeat("not-a-node", read(enrolled, "$.heartbeatToken"), null));

		for (MvcTestResult result : refused) {
			assertThat(result).hasStatus(401).hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
				.bodyJson().extractingPath("$.detail").isEqualTo("The token is not valid.");
		}
		assertThat(jdbc.sql("select count(*) from compute_nodes where name like 'a-%' or name like 'b-%'")
			.query(Long.class).single()).isZero();
	}

	@Test
	void expired_and_revoked_tokens_enrol_nobody() {
		String expired = enrolmentToken(null);
		jdbc.sql("update compute_enrolment_tokens set expires_at = :past where token_hash = :hash")
			.param("past", Timestamp.from(Instant.parse("2020-01-01T00:00:00Z"))).param("hash", Secrets.sha256(expired))
			.update();
		assertThat(enrol(expired, host(unique("late"), "local"))).hasStatus(401);

		MvcTestResult created = operator("POST", TOKENS, Map.of("name", "to revoke"));
		String revoked = read(created, "$.token");
		assertThat(operator("DELETE", TOKENS + "/" + read(created, "$.id"), null)).hasStatus(204);
		assertThat(operator("DELETE", TOKENS + "/" + read(created, "$.id"), null)).hasStatus(409);
		assertThat(enrol(revoked, host(unique("revoked"), "local"))).hasStatus(401);
		assertThat(operator("GET", TOKENS, null)).bodyJson()
			.extractingPath("$[?(@.id == '" + read(created, "$.id") + "')].status").asArray().containsExactly("REVOKED");
	}

	@Test
	void a_token_for_one_region_enrols_only_there() {
		String token = enrolmentToken("eu-north-1");

		MvcTestResult elsewhere = enrol(token, host(unique("far"), "us-east-1"));
		assertThat(elsewhere).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("region");

		Map<String, Object> withoutRegion = host(unique("near"), null);
		assertThat(enrol(token, withoutRegion)).hasStatus(201).bodyJson().extractingPath("$.region").isEqualTo("eu-north-1");
	}

	@Test
	void bad_enrolments_are_refused_field_by_field_and_names_stay_unique() {
		String token = enrolmentToken(null);
		Map<String, Object> bad = host("bad name!", "local");
		bad.put("uri", "ssh://host");
		bad.put("heartbeatIntervalSeconds", 1);
		MvcTestResult refused = enrol(token, bad);
		assertThat(refused).hasStatus(400);
		assertThat(refused).bodyJson().extractingPath("$.errors[*].field").asArray()
			.contains("name", "uri", "heartbeatIntervalSeconds");

		String name = unique("twice");
		assertThat(enrol(token, host(name, "local"))).hasStatus(201);
		assertThat(enrol(token, host(name, "local"))).hasStatus(409);
	}

	private String enrolmentToken(String region) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", "test " + UUID.randomUUID());
		if (region != null) {
			body.put("region", region);
		}
		MvcTestResult created = operator("POST", TOKENS, body);
		assertThat(created).hasStatus(201);
		return read(created, "$.token");
	}

	static Map<String, Object> host(String name, String region) {
		Map<String, Object> host = new LinkedHashMap<>();
		host.put("name", name);
		host.put("uri", UNREACHABLE);
		if (region != null) {
			host.put("region", region);
		}
		host.put("virtType", "qemu");
		host.put("vcpus", 4);
		host.put("memoryMib", 7936);
		host.put("diskGib", 180);
		host.put("heartbeatIntervalSeconds", 15);
		return host;
	}

	private MvcTestResult enrol(String token, Map<String, Object> body) {
		var request = mvc.post().uri(ENROL).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return request.exchange();
	}

	private MvcTestResult heartbeat(String nodeId, String token, Map<String, Object> body) {
		var request = mvc.put().uri("/api/v1/compute/nodes/" + nodeId + "/heartbeat");
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return request.exchange();
	}

	private MvcTestResult operator(String method, String uri, Object body) {
		var request = mvc.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
			.header(HttpHeaders.AUTHORIZATION, operator.bearer());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return request.exchange();
	}
}
