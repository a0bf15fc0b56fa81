package io.skyport.compute.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
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
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceId;
import io.skyport.compute.NewInstance;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.compute.provider.ComputeProvider;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * The guest's addresses on libvirt's test hypervisor, with the test playing the guest: a node without libvirt DHCP
 * (user-mode networking) knows none at the start, so the address the guest phones home from is recorded — before the
 * instance counts as configured — and a later start without leases keeps it.
 */
@SkyportIntegrationTest
class GuestAddressTests {

	private static final String GUEST = "198.51.100.23";

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
	org.springframework.context.ApplicationContext context;

	TestUser customer;
	TestUser operator;
	String region;
	ImageSummary image;

	@BeforeEach
	void setUp() {
		customer = accounts.customer();
		operator = accounts.operator();
		image = compute.image(1);
		region = "addr-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void a_guest_without_a_lease_is_known_by_the_address_it_phoned_home_from_and_a_later_start_keeps_it()
			throws Exception {
		node(null);
		InstanceId id = started("addr-1", 20);
		assertThat(instances.find(id).orElseThrow().addresses()).as("user-mode networking: no lease at the start")
			.isEmpty();

		assertThat(phoneHome(id, GUEST)).hasStatusOk();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(instances.find(id).orElseThrow())
			.satisfies(instance -> assertThat(instance.configuredAt()).isNotNull())
			.satisfies(instance -> assertThat(instance.addresses()).as("recorded before it counts as configured")
				.containsExactly(GUEST)));
		MvcTestResult api = mvc.get().uri("/api/v1/instances/" + id.id())
			.header(HttpHeaders.AUTHORIZATION, customer.bearer()).exchange();
		assertThat(api).hasStatusOk().bodyJson().extractingPath("$.addresses").isEqualTo(List.of(GUEST));
		assertThat(api).bodyJson().extractingPath("$.dataDiskMountPoint").isEqualTo("/srv/app");
		String page = mvc.get().uri("/panel/instances/" + id.id()).session(session(customer)).exchange().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains(GUEST).contains("20 GiB, mounted at /srv/app");

		instances.stop(id);
		InstanceDetails restarted = instances.start(id);
		assertThat(restarted.addresses()).as("a start without leases keeps the known address").containsExactly(GUEST);
		assertThat(instances.find(id).orElseThrow().addresses()).containsExactly(GUEST);
	}

	@Test
	void the_address_pool_of_its_own_leaves_springs_task_executor_to_every_other_listener() {
		assertThat(context.containsBean("applicationTaskExecutor")).isTrue();
		assertThat(context.getBean("applicationTaskExecutor")).isNotSameAs(context.getBean("computeGuestAddressExecutor"));
		assertThat(context.getBeansOfType(org.springframework.scheduling.annotation.AsyncConfigurer.class).values())
			.as("@Async without a name, hence every @ApplicationModuleListener, runs on Spring Boot's executor")
			.extracting(org.springframework.scheduling.annotation.AsyncConfigurer::getAsyncExecutor)
			.containsExactly(context.getBean("applicationTaskExecutor", java.util.concurrent.Executor.class));
	}

	@Test
	void a_phone_home_from_this_server_or_loopback_is_not_taken_for_the_guests_address() throws Exception {
		node(null);
		InstanceId id = started("addr-2", null);

		assertThat(phoneHome(id, "127.0.0.1")).hasStatusOk();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(
				() -> assertThat(instances.find(id).orElseThrow().configuredAt()).isNotNull());
		assertThat(instances.find(id).orElseThrow().addresses()).isEmpty();
	}

	@Test
	void on_a_libvirt_network_the_nodes_lease_comes_before_the_phone_homes_source() throws Exception {
		node("default");
		InstanceId id = started("addr-3", null);
		List<String> leased = instances.find(id).orElseThrow().addresses();
		assertThat(leased).as("the test driver's lease on its network 'default'").isNotEmpty().doesNotContain(GUEST);

		assertThat(phoneHome(id, GUEST)).hasStatusOk();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(
				() -> assertThat(instances.find(id).orElseThrow().configuredAt()).isNotNull());
		assertThat(instances.find(id).orElseThrow().addresses()).isEqualTo(leased);
	}

	private InstanceId started(String name, @Nullable Integer dataDiskGib) {
		InstanceId id = new InstanceId(UUID.randomUUID());
		instances.create(id, new NewInstance(customer.user().organisationId(), null, name, null, List.of(), region, 1,
				256, 1, dataDiskGib, dataDiskGib == null ? null : "/srv/app/", image.id(), List.of(), null, null, null,
				null));
		instances.createMachine(id);
		instances.configureAccess(id);
		if (dataDiskGib != null) {
			instances.attachDataDisk(id);
		}
		instances.start(id);
		return id;
	}

	/** The guest's cloud-init posting to the phone-home URL of its machine's seed, from {@code source}. */
	private MvcTestResult phoneHome(InstanceId id, String source) {
		String domain = provider.machineDefinition(nodes.target(instances.find(id).orElseThrow().nodeId()),
				"skyport-" + id.id());
		String seed = SeedSerial.seedUrl(domain).orElseThrow();
		String path = seed.substring(seed.indexOf("/nocloud/"));
		return mvc.post().uri(path + "phone-home").with(request -> {
			request.setRemoteAddr(source);
			return request;
		}).contentType(MediaType.APPLICATION_FORM_URLENCODED).param("instance_id", id.id().toString())
			.param("hostname", "guest").exchange();
	}

	private void node(@Nullable String libvirtNetwork) throws Exception {
		Map<String, Object> node = new HashMap<>();
		node.put("name", "node-" + region);
		node.put("uri", "test:///default");
		node.put("region", region);
		node.put("virtType", "QEMU");
		node.put("storagePool", "default-pool");
		node.put("simulateGuest", false);
		if (libvirtNetwork != null) {
			node.put("networkMode", "NETWORK");
			node.put("networkSource", libvirtNetwork);
		}
		MvcTestResult created = mvc.method(HttpMethod.POST).uri("/api/v1/compute/nodes")
			.header(HttpHeaders.AUTHORIZATION, operator.bearer()).contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(node)).exchange();
		assertThat(created).hasStatus(201);
		assertThat(JsonPath.<Boolean>read(created.getResponse().getContentAsString(StandardCharsets.UTF_8),
				"$.simulateGuest")).isFalse();
	}

	private MockHttpSession session(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}
}
