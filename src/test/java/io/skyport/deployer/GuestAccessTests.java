package io.skyport.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.SubscriptionId;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.InstanceId;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.compute.provider.ComputeProvider;
import io.skyport.deployer.DeployerFixtures.World;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * What the customer is told about a server whose guest configures itself: the data disk mounted where the plan says,
 * and the address the guest phoned home from (its node, on user-mode networking, hands out no lease) — in the
 * READY notice, on the deployment page and in the instance API. The test plays the guest over the real data source.
 */
@SkyportIntegrationTest
class GuestAccessTests {

	private static final Pattern SEED = Pattern.compile("s=(http[^<]+/nocloud/[^/<]+/)");
	private static final String GUEST = "198.51.100.77";

	@Autowired
	DeployerFixtures fixtures;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ComputeInstances compute;

	@Autowired
	ComputeProvider provider;

	@Autowired
	NodeDirectory nodes;

	@Test
	void the_plans_mount_point_reaches_the_guest_and_the_ready_notice_names_the_address_it_phoned_home_from()
			throws Exception {
		World world = fixtures.world(Map.of("simulateGuest", false));
		Map<String, Object> plan = new HashMap<>(Map.of("name", "Mounted", "vcpus", 1, "memoryMib", 256, "diskGib", 3,
				"dataDiskGib", 1, "dataDiskMountPoint", "/srv/app", "imageId",
				world.bareVmPlan().imageId().id().toString(), "monthlyPrice", new BigDecimal("1.00"), "currency", "EUR",
				"trialDays", 0));
		String planId = fixtures.read(fixtures.send("POST", "/api/v1/products/" + world.product().id().id() + "/plans",
				plan, world.vendor()), "$.id");
		SubscriptionId subscription = fixtures.order(world, planId);
		UUID deployment = fixtures.deploymentOf(subscription);
		fixtures.awaitState(deployment, "AWAITING_GUEST");
		UUID instance = fixtures.instanceOf(deployment);
		String seed = seedPath(instance);

		MvcTestResult userData = mvc.get().uri(seed + "user-data").with(from(GUEST)).exchange();
		assertThat(userData).hasStatusOk();
		Map<String, Object> config = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(userData.getResponse().getContentAsString(StandardCharsets.UTF_8));
		assertThat(config.get("mounts")).isEqualTo(List.of(List.of("/dev/vdb", "/srv/app", "ext4", "defaults,nofail",
				"0", "2")));
		assertThat(mvc.post().uri(seed + "phone-home").with(from(GUEST)).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("instance_id", instance.toString()).param("hostname", "guest").exchange()).hasStatusOk();

		fixtures.awaitState(deployment, "READY");
		String notice = fixtures.read(fixtures.get("/api/v1/notifications", world.customer()), "$.notifications[0].body");
		assertThat(notice).as("the address is recorded before the deployment is READY")
			.contains("Address: " + GUEST).contains("@" + GUEST).contains("Data disk: 1 GiB at /srv/app");
		MvcTestResult api = fixtures.get("/api/v1/instances/" + instance, world.customer());
		assertThat(api).bodyJson().extractingPath("$.addresses").isEqualTo(List.of(GUEST));
		assertThat(api).bodyJson().extractingPath("$.dataDiskMountPoint").isEqualTo("/srv/app");
		String page = mvc.get().uri("/panel/deployments/" + deployment).session(session(world.customer())).exchange()
			.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains(GUEST).contains("1 GiB at /srv/app");
	}

	@Test
	void a_direct_server_takes_a_mount_point_only_with_a_data_disk_and_outside_the_system() throws Exception {
		World world = fixtures.world();
		String type = "t-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(fixtures.send("POST", "/api/v1/admin/server-types", Map.of("name", type, "vcpus", 1, "memoryMib", 256,
				"diskGib", 3), world.operator())).hasStatus(201);
		assertThat(fixtures.send("PUT", "/api/v1/admin/server-prices/types/" + type,
				Map.of("currency", "EUR", "hourly", "0.0125"), world.operator())).hasStatusOk();

		for (Object[] c : new Object[][] { { null, "/srv/app", "needs a data disk" }, { 1, "/etc/app", "cannot be in /etc" },
				{ 1, "../x", "must be an absolute path" } }) {
			Map<String, Object> bad = server(world, type);
			bad.put("dataDiskGib", c[0]);
			bad.put("dataDiskMountPoint", c[1]);
			MvcTestResult refused = fixtures.send("POST", "/api/v1/instances", bad, world.customer());
			assertThat(refused).as("%s", c[1]).hasStatus(400);
			assertThat(refused).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("dataDiskMountPoint");
			assertThat(fixtures.read(refused, "$.errors[0].message")).contains((String) c[2]);
		}

		String page = mvc.post().uri("/panel/servers/new").session(session(world.customer())).with(csrf())
			.param("name", "srv-form").param("region", world.region()).param("serverType", type)
			.param("imageId", world.bareVmPlan().imageId().id().toString())
			.param("sshKeyIds", world.sshKeyId().toString()).param("dataDiskGib", "1")
			.param("dataDiskMountPoint", "/boot/data").exchange().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).as("the form shows the problem next to the field and keeps what was typed")
			.contains("id=\"dataDiskMountPoint-error\"").contains("cannot be in /boot")
			.contains("value=\"/boot/data\"");

		Map<String, Object> good = server(world, type);
		good.put("dataDiskGib", 1);
		good.put("dataDiskMountPoint", "/srv/app");
		MvcTestResult created = fixtures.send("POST", "/api/v1/instances", good, world.customer());
		assertThat(created).hasStatus(202);
		UUID deployment = UUID.fromString(fixtures.read(created, "$.deploymentId"));
		fixtures.awaitState(deployment, "READY");
		assertThat(fixtures.get("/api/v1/instances/" + fixtures.read(created, "$.instanceId"), world.customer()))
			.bodyJson().extractingPath("$.dataDiskMountPoint").isEqualTo("/srv/app");
	}

	private Map<String, Object> server(World world, String type) {
		Map<String, Object> body = new HashMap<>();
		body.put("name", "srv-" + UUID.randomUUID().toString().substring(0, 8));
		body.put("region", world.region());
		body.put("serverType", type);
		body.put("imageId", world.bareVmPlan().imageId().id());
		body.put("sshKeyIds", List.of(world.sshKeyId()));
		return body;
	}

	/** The path of the seed URL in the SMBIOS serial of the instance's machine. */
	private String seedPath(UUID instance) {
		InstanceId id = new InstanceId(instance);
		String domain = provider.machineDefinition(nodes.target(compute.find(id).orElseThrow().nodeId()),
				"skyport-" + instance);
		Matcher seed = SEED.matcher(domain);
		assertThat(seed.find()).isTrue();
		return seed.group(1).substring(seed.group(1).indexOf("/nocloud/"));
	}

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private MockHttpSession session(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}
}
