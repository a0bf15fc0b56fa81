package io.skyport.compute.instances;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.accounts.SshKeyId;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceId;
import io.skyport.compute.InstanceState;
import io.skyport.compute.NewInstance;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Instances end to end on libvirt's real test hypervisor: placed, provisioned, started, stopped, rebooted and
 * destroyed through the public API and the owner's REST API.
 */
@SkyportIntegrationTest
class InstanceApiTests {

	static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIzUw3h9SwyBKzJwNUoLrkSS6SS69qpL1PoMCeTgKHPp alice@laptop";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	ComputeFixtures compute;

	@Autowired
	ComputeInstances instances;

	@Autowired
	JdbcClient jdbc;

	TestUser customer;
	TestUser operator;
	String region;
	ImageSummary image;

	@BeforeEach
	void nodeAndCustomer() {
		customer = accounts.customer();
		operator = accounts.operator();
		image = compute.image(1);
		region = "it-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> node = new HashMap<>();
		node.put("name", "node-" + region);
		node.put("uri", "test:///default");
		node.put("region", region);
		node.put("virtType", "QEMU");
		node.put("storagePool", "default-pool");
		assertThat(send("POST", "/api/v1/compute/nodes", node, operator)).hasStatus(201);
	}

	@Test
	void an_instance_is_created_runs_stops_starts_reboots_and_is_destroyed_on_real_libvirt() {
		String keyId = read(send("POST", "/api/v1/ssh-keys", Map.of("name", "laptop", "publicKey", ED25519), customer),
				"$.id");
		InstanceId id = compute.create(request("web-1", 512, 5, List.of(new SshKeyId(UUID.fromString(keyId)))));
		assertThat(instances.find(id).orElseThrow().state()).isEqualTo(InstanceState.PENDING);

		InstanceDetails running = compute.provision(id);
		assertThat(running.state()).isEqualTo(InstanceState.RUNNING);
		assertThat(compute.provision(id).state()).as("provisioning again finds the machine").isEqualTo(InstanceState.RUNNING);
		assertThat(get("/api/v1/instances/" + id, customer)).hasStatusOk().bodyJson().extractingPath("$.state").isEqualTo("RUNNING");
		assertThat(get("/api/v1/instances", customer)).hasStatusOk().bodyJson().extractingPath("$.instances[*].name").asArray().contains("web-1");

		assertThat(action(id, "stop", customer)).hasStatusOk().bodyJson().extractingPath("$.state").isEqualTo("STOPPED");
		assertThat(action(id, "stop", customer)).hasStatus(409).bodyJson().extractingPath("$.detail").asString()
			.contains("already stopped");
		assertThat(action(id, "reboot", customer)).hasStatus(409);
		assertThat(action(id, "start", customer)).hasStatusOk().bodyJson().extractingPath("$.state").isEqualTo("RUNNING");
		assertThat(action(id, "reboot", customer)).hasStatusOk().bodyJson().extractingPath("$.state").isEqualTo("RUNNING");
		assertThat(action(id, "explode", customer)).hasStatus(400);

		assertThat(get("/api/v1/instances/" + id + "/console", customer)).hasStatusOk();
		MvcTestResult xml = get("/api/v1/instances/" + id + "/domain-xml", operator);
		assertThat(xml).hasStatusOk().body().asString()
			.contains("<domain")
			.contains(id.toString())
			.contains("ds=nocloud-net;s=")
			.contains("/nocloud/REDACTED/");
		assertThat(get("/api/v1/instances/" + id + "/domain-xml", customer)).hasStatus(403);

		assertThat(usedVcpus()).isEqualTo(1);
		instances.destroy(id);
		instances.destroy(id);
		assertThat(instances.find(id).orElseThrow().state()).isEqualTo(InstanceState.DELETED);
		assertThat(usedVcpus()).as("the reservation is released").isZero();
		assertThat(get("/api/v1/instances", customer)).bodyJson().extractingPath("$.instances[*].name").asArray().doesNotContain("web-1");
	}

	@Test
	void another_customer_cannot_see_or_touch_an_instance() {
		InstanceId id = compute.create(request("private-1", 256, null, List.of()));
		TestUser stranger = accounts.customer();

		assertThat(get("/api/v1/instances/" + id, stranger)).hasStatus(404);
		assertThat(action(id, "stop", stranger)).hasStatus(404);
		assertThat(get("/api/v1/instances/" + id + "/console", stranger)).hasStatus(404);
		assertThat(get("/api/v1/instances", stranger)).bodyJson().extractingPath("$.instances[*].name").asArray()
			.doesNotContain("private-1");
		assertThat(get("/api/v1/instances/" + id, operator)).hasStatusOk().bodyJson().extractingPath("$.nodeName")
			.isEqualTo("node-" + region);
	}

	@Test
	void operators_page_through_every_instance_with_filters_and_customers_through_their_own() {
		String nodeId = jdbc.sql("select id from compute_nodes where region = ?").param(region).query(String.class).single();
		TestUser other = accounts.customer();
		InstanceId first = compute.create(request("page-1", 256, null, List.of()));
		InstanceId second = compute.create(request("page-2", 256, null, List.of()));
		InstanceId third = compute.create(new NewInstance(other.user().organisationId(), null, "page-3", null, List.of(),
				region, 1, 256, 1, null, null, image.id(), List.of(), null, null, UUID.randomUUID(), UUID.randomUUID()));
		compute.provision(third);
		String byNode = "/api/v1/instances?nodeId=" + nodeId + "&size=2";

		assertThat(get(byNode, operator)).hasStatusOk().bodyJson().satisfies(body -> {
			assertThat(body).extractingPath("$.total").isEqualTo(3);
			assertThat(body).extractingPath("$.totalPages").isEqualTo(2);
			assertThat(body).extractingPath("$.instances[*].name").asArray().containsExactly("page-3", "page-2");
			assertThat(body).extractingPath("$.instances[0].organisationId")
				.isEqualTo(other.user().organisationId().toString());
			assertThat(body).extractingPath("$.instances[0].deploymentId").isNotNull();
		});
		assertThat(get(byNode + "&page=1", operator)).bodyJson().extractingPath("$.instances[*].name").asArray()
			.containsExactly("page-1");
		assertThat(get(byNode + "&state=running", operator)).bodyJson().extractingPath("$.instances[*].name").asArray()
			.containsExactly("page-3");
		assertThat(get(byNode + "&organisationId=" + customer.user().organisationId(), operator)).bodyJson()
			.extractingPath("$.total").isEqualTo(2);

		assertThat(get("/api/v1/instances?size=1", customer)).hasStatusOk().bodyJson().satisfies(body -> {
			assertThat(body).extractingPath("$.total").isEqualTo(2);
			assertThat(body).doesNotHavePath("$.instances[0].organisationId");
			assertThat(body).doesNotHavePath("$.instances[0].nodeId");
		});
		assertThat(get(byNode, customer)).hasStatus(400).bodyJson().extractingPath("$.detail").asString()
			.contains("Only operators");
		assertThat(get("/api/v1/instances?state=asleep", operator)).hasStatus(400).bodyJson()
			.extractingPath("$.detail").asString().contains("running");
		assertThat(get("/api/v1/instances?size=1000", operator)).hasStatus(400);

		instances.destroy(first);
		assertThat(get(byNode, operator)).bodyJson().extractingPath("$.total").isEqualTo(2);
		assertThat(get(byNode + "&state=deleted", operator)).bodyJson().extractingPath("$.instances[*].name").asArray()
			.containsExactly("page-1");
		instances.destroy(second);
		instances.destroy(third);
	}

	@Test
	void a_size_that_fits_nowhere_is_a_conflict_that_names_the_region_and_writes_nothing() {
		long before = instanceRows();
		NewInstance huge = request("huge-1", 64L * 1024, null, List.of());

		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> compute.create(huge)))
			.isInstanceOf(ConflictException.class)
			.hasMessageContaining(region);
		assertThat(instanceRows()).isEqualTo(before);
	}

	@Test
	void bad_requests_are_refused_with_the_field() {
		NewInstance badName = request("Web_1!", 256, null, List.of());
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> compute.create(badName)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.violations()).extracting(InvalidInputException.Violation::field).contains("name"));

		NewInstance foreignKey = request("web-2", 256, null, List.of(new SshKeyId(UUID.randomUUID())));
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> compute.create(foreignKey)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.violations()).extracting(InvalidInputException.Violation::field).contains("sshKeyIds"));

		NewInstance unknownRegion = new NewInstance(customer.user().organisationId(), null, "web-3", null, List.of(),
				"nowhere-" + UUID.randomUUID().toString().substring(0, 6), 1, 256, 1, null, null, image.id(), List.of(), null, null, null, null);
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> compute.create(unknownRegion)))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("region");
	}

	@Test
	void projects_are_created_renamed_listed_and_only_empty_ones_deleted() {
		String projectId = read(send("POST", "/api/v1/projects", Map.of("name", "Production", "description", "Live"), customer), "$.id");
		assertThat(send("POST", "/api/v1/projects", Map.of("name", "production"), customer)).hasStatus(409);
		assertThat(send("POST", "/api/v1/projects", Map.of("name", " "), customer)).hasStatus(400);
		assertThat(send("PUT", "/api/v1/projects/" + projectId, Map.of("name", "Prod"), customer)).hasStatusOk()
			.bodyJson().extractingPath("$.name").isEqualTo("Prod");
		assertThat(get("/api/v1/projects/" + projectId, accounts.customer())).hasStatus(404);

		InstanceId id = compute.create(new NewInstance(customer.user().organisationId(),
				new io.skyport.compute.ProjectId(UUID.fromString(projectId)), "in-prod", null, List.of("web"), region, 1, 256,
				1, null, null, image.id(), List.of(), null, null, null, null));
		assertThat(send("DELETE", "/api/v1/projects/" + projectId, null, customer)).hasStatus(409)
			.bodyJson().extractingPath("$.detail").asString().contains("still holds 1 instance");

		instances.destroy(id);
		assertThat(send("DELETE", "/api/v1/projects/" + projectId, null, customer)).hasStatus(204);
	}

	private NewInstance request(String name, long memoryMib, Integer dataDiskGib, List<SshKeyId> keys) {
		return new NewInstance(customer.user().organisationId(), null, name, "A test instance", List.of("test"), region, 1,
				memoryMib, 1, dataDiskGib, null, image.id(), keys, null, null, null, null);
	}

	private long usedVcpus() {
		return jdbc.sql("select coalesce(sum(used_vcpus), 0) from compute_nodes where region = ?").param(region)
			.query(Long.class).single();
	}

	private long instanceRows() {
		return jdbc.sql("select count(*) from compute_instances").query(Long.class).single();
	}

	private MvcTestResult action(InstanceId id, String action, TestUser user) {
		return send("POST", "/api/v1/instances/" + id + "/actions", Map.of("action", action), user);
	}

	private MvcTestResult get(String uri, TestUser user) {
		return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer()).exchange();
	}

	private MvcTestResult send(String method, String uri, Object body, TestUser user) {
		var request = mvc.method(HttpMethod.valueOf(method)).uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return request.exchange();
	}

	private static String read(MvcTestResult result, String path) {
		assertThat(result).hasStatus2xxSuccessful();
		return JsonPath.read(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), path);
	}
}
