package io.skyport.compute.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.NodeId;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operators manage compute nodes through {@code /api/v1/compute/nodes}; other roles cannot. Works with or without the
 * libvirt adapter: nodes are created with their capacity given, and states are checked where they do not depend on
 * whether a host answered.
 */
@SkyportIntegrationTest
class NodeApiTests {

	static final String NODES = "/api/v1/compute/nodes";

	@LocalServerPort
	int port;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	ComputeFixtures compute;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	NodeDirectory directory;

	TestUser operator;

	@BeforeEach
	void operator() {
		operator = accounts.operator();
	}

	@Test
	void an_operator_adds_lists_changes_and_deletes_a_node() {
		String name = unique("hv");
		MvcTestResult created = send("POST", NODES, node(name, "test:///default", "eu-west-1"), operator);

		assertThat(created).hasStatus(201);
		String id = read(created, "$.id");
		assertThat(created.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo(NODES + "/" + id);
		assertThat(created).bodyJson().extractingPath("$").asMap()
			.containsEntry("name", name)
			.containsEntry("uri", "test:///default")
			.containsEntry("region", "eu-west-1")
			.containsEntry("virtType", "QEMU")
			.containsEntry("vcpus", 8)
			.containsEntry("memoryMib", 16384)
			.containsEntry("diskGib", 200)
			.containsEntry("capacityOverridden", true)
			.containsEntry("allocatableVcpus", 32)
			.containsEntry("allocatableMemoryMib", 16384)
			.containsEntry("usedVcpus", 0)
			.containsEntry("networkMode", "USER")
			.containsEntry("storagePool", "default-pool")
			.containsEntry("enrolled", false)
			.containsKeys("state", "cpuRatio", "ramRatio", "diskRatio", "missedChecks", "createdAt", "updatedAt");
		assertThat(get(NODES, operator)).hasStatusOk().bodyJson().extractingPath("$[*].name").asArray().contains(name);

		Map<String, Object> changed = node(name.toUpperCase(), "test:///default", "eu-central-1");
		changed.put("cpuRatio", 8);
		changed.put("networkMode", "BRIDGE");
		changed.put("networkSource", "br0");
		changed.put("datasourceBaseUrl", "http://192.168.122.1:8080/");
		assertThat(send("PUT", NODES + "/" + id, changed, operator)).hasStatusOk().bodyJson().extractingPath("$").asMap()
			.containsEntry("name", name.toUpperCase())
			.containsEntry("region", "eu-central-1")
			.containsEntry("allocatableVcpus", 64)
			.containsEntry("networkSource", "br0")
			.containsEntry("datasourceBaseUrl", "http://192.168.122.1:8080");

		assertThat(send("DELETE", NODES + "/" + id, null, operator)).hasStatus(204);
		assertThat(get(NODES + "/" + id, operator)).hasStatus(404);
	}

	@Test
	void bad_uris_are_refused_with_a_reason() {
		for (String uri : List.of("http://hv-01.example/system", "qemu:///root", "qemu+ssh:///system", "not a uri",
				"qemu+unix://host/system", "")) {
			MvcTestResult result = send("POST", NODES, node(unique("bad"), uri, "local"), operator);
			assertThat(result).as(uri).hasStatus(400);
			assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("uri");
		}
	}

	@Test
	void every_bad_field_is_reported_at_once() {
		Map<String, Object> bad = node(unique("bad"), "qemu+ssh://root@hv-01.example/system", "EU West");
		bad.put("vcpus", 0);
		bad.remove("diskGib");
		bad.put("ramRatio", 65);
		bad.put("networkMode", "NETWORK");
		bad.put("datasourceBaseUrl", "http://10.0.2.2:8080/;rm");

		MvcTestResult result = send("POST", NODES, bad, operator);

		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
			.contains("region", "vcpus", "diskGib", "ramRatio", "networkSource", "datasourceBaseUrl");
		assertThat(result).body().asString().contains("'EU West' is not a region name")
			.contains("vCPUs must be between 1 and 4096 (got 0)")
			.contains("The RAM overcommit ratio must be between 0.1 and 64 (got 65)");
	}

	@Test
	void names_are_unique_whatever_their_case() {
		String name = unique("dup");
		assertThat(send("POST", NODES, node(name, "test:///default", "local"), operator)).hasStatus(201);

		assertThat(send("POST", NODES, node(name.toUpperCase(), "test:///default", "local"), operator)).hasStatus(409)
			.bodyJson().extractingPath("$.detail").asString().contains("'" + name.toUpperCase() + "'");

		String other = read(send("POST", NODES, node(unique("other"), "test:///default", "local"), operator), "$.id");
		assertThat(send("PUT", NODES + "/" + other, node(name, "test:///default", "local"), operator)).hasStatus(409);
	}

	@Test
	void only_operators_reach_the_nodes() {
		String id = create(unique("guarded"));
		for (TestUser user : List.of(accounts.customer(), accounts.vendor(), accounts.reseller())) {
			assertThat(get(NODES, user)).hasStatus(403);
			assertThat(get(NODES + "/" + id, user)).hasStatus(403);
			assertThat(send("POST", NODES, node(unique("x"), "test:///default", "local"), user)).hasStatus(403);
			assertThat(send("DELETE", NODES + "/" + id, null, user)).hasStatus(403);
			assertThat(send("POST", NodesWebConfiguration.ENROLMENT_TOKENS, Map.of("name", "t"), user)).hasStatus(403);
		}
		assertThat(get(NODES, null)).hasStatus(401);
		assertThat(get(NODES + "/" + id, operator)).hasStatusOk();
	}

	@Test
	void operators_disable_drain_and_enable_a_node() {
		String id = create(unique("actions"));

		assertThat(action(id, "disable")).hasStatusOk().bodyJson().extractingPath("$.state").isEqualTo("DISABLED");
		assertThat(action(id, "disable")).hasStatus(409).bodyJson().extractingPath("$.detail").asString()
			.contains("already disabled");
		assertThat(action(id, "drain")).hasStatusOk().bodyJson().extractingPath("$.state").isEqualTo("DRAINING");
		assertThat(action(id, "enable")).hasStatusOk().bodyJson().extractingPath("$.state").asString()
			.isIn("UP", "DOWN");
		assertThat(action(id, "enable")).hasStatus(409);
		assertThat(action(id, "reboot")).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("action");
		assertThat(send("POST", NODES + "/" + UUID.randomUUID() + "/actions", Map.of("action", "disable"), operator))
			.hasStatus(404);
	}

	@Test
	void a_node_with_instances_is_not_deleted_and_the_refusal_lists_them() {
		String name = unique("busy");
		String id = create(name);
		UUID project = project();
		UUID web = instance(project, id, "web-1", "RUNNING");
		UUID db = instance(project, id, "db-1", "STOPPED");
		instance(project, id, "old-1", "DELETED");

		MvcTestResult refused = send("DELETE", NODES + "/" + id, null, operator);

		assertThat(refused).hasStatus(409).bodyJson().extractingPath("$.detail")
			.isEqualTo("The node " + name + " still runs 2 instances: db-1, web-1. "
					+ "Delete them or move them to another node first.");
		assertThat(get(NODES + "/" + id, operator)).hasStatusOk();

		jdbc.sql("update compute_instances set state = 'DELETED' where id in (:ids)").param("ids", List.of(web, db))
			.update();
		assertThat(send("DELETE", NODES + "/" + id, null, operator)).hasStatus(204);
		assertThat(jdbc.sql("select count(*) from compute_instances where project_id = :p and node_id is null")
			.param("p", project).query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void the_directory_tells_compute_how_to_reach_a_node() {
		UUID id = UUID.fromString(create(unique("dir")));
		NodeId nodeId = new NodeId(id);

		assertThat(directory.target(nodeId).uri()).isEqualTo("test:///default");
		assertThat(directory.target(nodeId).storagePool()).isEqualTo("default-pool");
		assertThat(directory.datasourceBaseUrl(nodeId)).as("a test node's simulated guests reach this very server")
			.isEqualTo("http://127.0.0.1:" + port);
		assertThat(directory.simulatesGuest(nodeId)).isTrue();
		assertThat(directory.find(nodeId)).hasValueSatisfying(node -> assertThat(node.region()).isEqualTo("local"));

		Map<String, Object> withOverride = node(directory.find(nodeId).orElseThrow().name(), "test:///default", "local");
		withOverride.put("datasourceBaseUrl", "https://skyport.example/");
		assertThat(send("PUT", NODES + "/" + id, withOverride, operator)).hasStatusOk();
		assertThat(directory.datasourceBaseUrl(nodeId)).isEqualTo("https://skyport.example");

		NodeId unknown = new NodeId(UUID.randomUUID());
		assertThat(directory.find(unknown)).isEmpty();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> directory.target(unknown))
			.isInstanceOf(NotFoundException.class);
	}

	@Test
	void the_default_test_node_is_registered_on_an_empty_installation() {
		Map<String, Object> node = jdbc.sql("""
				select uri, region, virt_type, storage_pool, network_mode from compute_nodes where name = 'local-test'""")
			.query().singleRow();

		assertThat(node).containsEntry("uri", "test:///default")
			.containsEntry("region", "local")
			.containsEntry("virt_type", "QEMU")
			.containsEntry("storage_pool", "default-pool")
			.containsEntry("network_mode", "USER");
	}

	private UUID project() {
		UUID organisation = accounts.customer().user().organisationId().id();
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into compute_projects (id, organisation_id, name, created_at, updated_at)
				values (:id, :org, 'default', :now, :now)""")
			.param("id", id).param("org", organisation).param("now", java.sql.Timestamp.from(Instant.now()))
			.update();
		return id;
	}

	private UUID instance(UUID project, String nodeId, String name, String state) {
		UUID organisation = jdbc.sql("select organisation_id from compute_projects where id = :id").param("id", project)
			.query(UUID.class).single();
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into compute_instances (id, organisation_id, project_id, name, region, vcpus, memory_mib,
				  root_disk_gib, image_id, state, node_id, machine_name, created_at, updated_at)
				values (:id, :org, :project, :name, 'local', 1, 512, 10, :image, :state, :node, :machine, :now, :now)""")
			.param("id", id).param("org", organisation).param("project", project).param("name", name)
			.param("image", compute.image(10).id().id()).param("state", state).param("node", UUID.fromString(nodeId))
			.param("machine", "skyport-" + id).param("now", java.sql.Timestamp.from(Instant.now()))
			.update();
		return id;
	}

	private String create(String name) {
		MvcTestResult created = send("POST", NODES, node(name, "test:///default", "local"), operator);
		assertThat(created).hasStatus(201);
		return read(created, "$.id");
	}

	static Map<String, Object> node(String name, String uri, String region) {
		Map<String, Object> node = new java.util.LinkedHashMap<>();
		node.put("name", name);
		node.put("uri", uri);
		node.put("region", region);
		node.put("virtType", "QEMU");
		node.put("vcpus", 8);
		node.put("memoryMib", 16384);
		node.put("diskGib", 200);
		node.put("storagePool", "default-pool");
		return node;
	}

	private MvcTestResult action(String id, String action) {
		return send("POST", NODES + "/" + id + "/actions", Map.of("action", action), operator);
	}

	private MvcTestResult get(String uri, TestUser user) {
		var request = mvc.get().uri(uri);
		if (user != null) {
			request.header(HttpHeaders.AUTHORIZATION, user.bearer());
		}
		return request.exchange();
	}

	private MvcTestResult send(String method, String uri, Object body, TestUser user) {
		var request = mvc.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
			.header(HttpHeaders.AUTHORIZATION, user.bearer());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return request.exchange();
	}

	static String read(MvcTestResult result, String path) {
		return JsonPath.read(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), path);
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}
}
