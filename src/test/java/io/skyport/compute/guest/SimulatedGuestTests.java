package io.skyport.compute.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.micrometer.core.instrument.MeterRegistry;
import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceId;
import io.skyport.compute.InstanceState;
import io.skyport.compute.NewInstance;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.compute.provider.ComputeProvider;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated guest on libvirt's real test hypervisor: a machine that starts on a test node reads its seed over the
 * real data source on this server's random port and phones home, so its instance is configured; with the node's
 * switch off nothing is fetched and a test plays the guest itself.
 */
@SkyportIntegrationTest
class SimulatedGuestTests {

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
	ComputeProvider provider;

	@Autowired
	NodeDirectory nodes;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	TestUser customer;
	TestUser operator;
	String region;
	String nodeId;
	ImageSummary image;

	@BeforeEach
	void testNode() throws Exception {
		customer = accounts.customer();
		operator = accounts.operator();
		image = compute.image(1);
		region = "sim-" + UUID.randomUUID().toString().substring(0, 8);
		MvcTestResult created = send("POST", "/api/v1/compute/nodes", node(null), operator);
		assertThat(created).hasStatus(201).bodyJson().extractingPath("$.simulateGuest").isEqualTo(true);
		nodeId = JsonPath.read(created.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id");
	}

	@Test
	void a_machine_started_on_a_simulating_test_node_is_configured_through_the_real_data_source() {
		InstanceId id = new InstanceId(UUID.randomUUID());
		instances.create(id, request("sim-1"));
		instances.createMachine(id);
		assertThat(instances.start(id).state()).isEqualTo(InstanceState.RUNNING);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(
				() -> assertThat(instances.find(id).map(InstanceDetails::configuredAt)).isPresent().get().isNotNull());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(accesses(id))
			.containsExactly("meta-data 200 127.0.0.1 " + SimulatedCloudInit.USER_AGENT,
					"user-data 200 127.0.0.1 " + SimulatedCloudInit.USER_AGENT,
					"vendor-data 200 127.0.0.1 " + SimulatedCloudInit.USER_AGENT,
					"phone-home 200 127.0.0.1 " + SimulatedCloudInit.USER_AGENT));
		assertThat(jdbc.sql("select configured_at is not null from compute_nocloud_seeds where instance_id = :id and revoked_at is null")
			.param("id", id.id()).query(Boolean.class).single()).isTrue();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(meters
			.find("skyport.compute.guest_simulation.duration").tag("outcome", "phoned_home").timer())
			.as("the time from RUNNING to the phone-home is measured").isNotNull()
			.satisfies(timer -> assertThat(timer.count()).isPositive()));
	}

	@Test
	void with_the_switch_off_nothing_is_fetched_and_the_test_plays_the_guest() throws Exception {
		MvcTestResult off = send("PUT", "/api/v1/compute/nodes/" + nodeId, node(false), operator);
		assertThat(off).hasStatusOk().bodyJson().extractingPath("$.simulateGuest").isEqualTo(false);
		double skipped = skipped();

		InstanceId id = new InstanceId(UUID.randomUUID());
		instances.create(id, request("own-1"));
		instances.createMachine(id);
		instances.start(id);
		await().atMost(Duration.ofSeconds(10)).until(() -> skipped() > skipped);
		assertThat(accesses(id)).isEmpty();
		assertThat(instances.find(id).orElseThrow().configuredAt()).isNull();

		String domain = provider.machineDefinition(nodes.target(instances.find(id).orElseThrow().nodeId()),
				"skyport-" + id.id());
		String seed = SeedSerial.seedUrl(domain).orElseThrow();
		assertThat(seed).startsWith("http://127.0.0.1:" + port + "/nocloud/");
		HttpClient http = HttpClient.newHttpClient();
		for (String document : List.of("meta-data", "user-data", "vendor-data")) {
			assertThat(http.send(HttpRequest.newBuilder(URI.create(seed + document)).header("User-Agent", "test-guest")
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		}
		assertThat(http.send(HttpRequest.newBuilder(URI.create(seed + "phone-home")).header("User-Agent", "test-guest")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("instance_id=" + id.id() + "&hostname=own-1")).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(
				() -> assertThat(instances.find(id).map(InstanceDetails::configuredAt)).isPresent().get().isNotNull());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(accesses(id)).hasSize(4)
			.allSatisfy(access -> assertThat(access).endsWith(" test-guest")));
	}

	@Test
	void the_seed_url_is_read_from_the_smbios_serial_as_cloud_init_reads_it() {
		String xml = "<domain><sysinfo type='smbios'><system><entry name='manufacturer'>Skyport</entry>"
				+ "<entry name='serial'>ds=nocloud-net;s=http://127.0.0.1:8080/nocloud/abc/</entry></system></sysinfo></domain>";
		assertThat(SeedSerial.seedUrl(xml)).hasValue("http://127.0.0.1:8080/nocloud/abc/");
		assertThat(SeedSerial.fromSerial("ds=nocloud;h=web;seedfrom=https://x.example/s")).hasValue("https://x.example/s/");
		assertThat(SeedSerial.fromSerial("ds=ec2;s=http://x/")).isEmpty();
		assertThat(SeedSerial.seedUrl("<domain/>")).isEmpty();
		assertThat(SeedSerial.seedUrl("not xml")).isEmpty();
	}

	@Test
	void the_phone_home_posts_what_the_user_data_asks_for() {
		byte[] userData = "#cloud-config\nphone_home:\n  url: http://h/$INSTANCE_ID/\n  post: [instance_id, pub_key_rsa]\n"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(SimulatedCloudInit.phoneHome(userData)).hasValueSatisfying(phoneHome -> {
			assertThat(phoneHome.url()).isEqualTo("http://h/$INSTANCE_ID/");
			assertThat(phoneHome.post()).containsExactly("instance_id", "pub_key_rsa");
		});
		assertThat(SimulatedCloudInit.phoneHome("#cloud-config\nphone_home: {url: 'http://h/', post: all}\n"
			.getBytes(StandardCharsets.UTF_8))).hasValueSatisfying(
					phoneHome -> assertThat(phoneHome.post()).isEqualTo(SimulatedCloudInit.ALL_KEYS));
		assertThat(SimulatedCloudInit.phoneHome("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(SimulatedCloudInit.loopback(URI.create("http://127.0.0.1:8080/nocloud/x/"))).isTrue();
		assertThat(SimulatedCloudInit.loopback(URI.create("https://skyport.example/nocloud/x/")))
			.as("the pass never leaves this machine").isFalse();
		assertThat(SimulatedCloudInit.phoneHome("#cloud-config\npackages: [x]\n".getBytes(StandardCharsets.UTF_8)))
			.isEmpty();
	}

	private List<String> accesses(InstanceId id) {
		return jdbc.sql("""
				select kind || ' ' || status || ' ' || source_address || ' ' || coalesce(user_agent, '-')
				from compute_nocloud_accesses where instance_id = :id order by id""")
			.param("id", id.id()).query(String.class).list();
	}

	private double skipped() {
		var counter = meters.find("skyport.compute.guest_simulations").tag("outcome", "skipped").counter();
		return counter == null ? 0 : counter.count();
	}

	private Map<String, Object> node(Boolean simulateGuest) {
		Map<String, Object> node = new HashMap<>();
		node.put("name", "node-" + region);
		node.put("uri", "test:///default");
		node.put("region", region);
		node.put("virtType", "QEMU");
		node.put("storagePool", "default-pool");
		node.put("simulateGuest", simulateGuest);
		return node;
	}

	private NewInstance request(String name) {
		return new NewInstance(customer.user().organisationId(), null, name, null, List.of(), region, 1, 256, 1, null, null,
				image.id(), List.of(), null, null, null, null);
	}

	private MvcTestResult send(String method, String uri, Object body, TestUser user) {
		return mvc.method(HttpMethod.valueOf(method)).uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer())
			.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)).exchange();
	}
}
