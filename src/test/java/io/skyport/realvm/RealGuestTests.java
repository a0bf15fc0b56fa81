package io.skyport.realvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.OrganisationId;
import io.skyport.billing.SubscriptionId;
import io.skyport.billing.invoicing.InvoicingFixtures;
import io.skyport.billing.payments.BillingCalls;
import io.skyport.billing.payments.Dunning;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceId;
import io.skyport.realvm.RealVmFixtures.DirectServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product's central promise on a real hypervisor (see {@link RealVmFixtures}): a customer orders; a QEMU guest
 * boots; its own cloud-init configures it from Skyport's data source and phones home; the test logs in over SSH with
 * the customer's key. The tests run in order on one hypervisor: the first server is later suspended by dunning,
 * started again by payment and cancelled.
 * <p>
 * Tagged {@code real-vm}: {@code bin/test -Dgroups=real-vm} runs only these. Where QEMU cannot run at all they are
 * skipped with the reason (in the test report and as a warning in the log); everywhere else they run.
 */
@Tag("real-vm")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "skyport.storage.local.root=target/test-objects", "skyport.compute.probe-enabled=false",
				"skyport.accounts.login.max-failures-per-address=1000000", "skyport.deployer.paid-retention=5s",
				"skyport.compute.images.store-dir=target/test-images" })
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealGuestTests extends RealVmTest {

	/** Under software emulation a Debian guest needs about a minute to phone home; allow for a busy machine. */
	private static final Duration BOOT_PATIENCE = Duration.ofMinutes(6);

	private static final Duration TEARDOWN_PATIENCE = Duration.ofMinutes(3);

	private static final Pattern SEED = Pattern.compile("s=(http[^<]+/nocloud/[^/<]+/)");

	@Autowired
	InvoicingFixtures invoicing;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	Dunning dunning;

	/** Ordered with the first server, so the two guests boot at the same time (one vCPU each). */
	private SubscriptionId dataDiskSubscription;

	/** The first server (test 1), which tests 3 and 4 suspend, resume and cancel. */
	private SubscriptionId firstSubscription;
	private UUID firstDeployment;
	private InstanceDetails firstServer;
	private String firstSeedUrl;

	@Test
	@Order(1)
	void an_ordered_debian_server_configures_itself_with_cloud_init_and_takes_the_customers_ssh_login() {
		firstSubscription = realVms.order(world, world.barePlan());
		dataDiskSubscription = realVms.order(world, world.dataDiskPlan());
		firstDeployment = fixtures.deploymentOf(firstSubscription);
		fixtures.awaitState(firstDeployment, "READY", BOOT_PATIENCE);

		Map<String, Object> times = jdbc.sql("select guest_phoned_home_at, ready_at from deployments where id = ?")
			.param(firstDeployment)
			.query()
			.singleRow();
		assertThat(times.get("guest_phoned_home_at")).as("the guest's own cloud-init phoned home").isNotNull();
		assertThat(instant(times.get("ready_at"))).as("ready only after the phone-home")
			.isAfterOrEqualTo(instant(times.get("guest_phoned_home_at")));

		firstServer = instances.find(new InstanceId(fixtures.instanceOf(firstDeployment))).orElseThrow();
		firstSeedUrl = seedUrl(hypervisor.virsh("dumpxml", realVms.machine(world, firstServer)));
		assertThat(realVms.ssh(world, firstServer, "hostname").trim()).isEqualTo(firstServer.name());
		assertThat(realVms.ssh(world, firstServer, "cloud-init status")).contains("status: done");

		// Skyport's copy of the serial console, captured by its recurring task through libvirt (a storage pool over
		// the console log directory, read with virStorageVolDownload: the path a remote node's logs take too).
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(JsonPath.<List<String>>read(RealVmFixtures.body(mvc.get()
				.uri("/api/v1/instances/" + firstServer.id() + "/console-log?limit=10000")
				.header(HttpHeaders.AUTHORIZATION, world.customer().bearer())
				.exchange()), "$.lines[*].text"))
				.as("the real guest's boot output: its kernel and its own cloud-init")
				.anyMatch(line -> line.contains("Linux version"))
				.anyMatch(line -> line.contains("Cloud-init v."))
				.noneMatch(line -> line.contains("Skyport simulated guest")));
		assertThat(hypervisor.virsh("pool-list", "--all", "--name")).contains("skyport-consoles");

		// Monitoring's scheduled rounds read the real domain's counters: the guest used CPU, memory and the network
		// (its DHCP, its data-source requests, the test's SSH session).
		Awaitility.await()
			.atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(3))
			.untilAsserted(() -> {
				String series = RealVmFixtures.body(mvc.get()
					.uri("/api/v1/instances/" + firstServer.id() + "/metrics?metric=cpu,memory_used,network_in&step=15s")
					.header(HttpHeaders.AUTHORIZATION, world.customer().bearer())
					.exchange());
				assertThat(JsonPath.<List<Double>>read(series, "$.series[0].values[?(@ != null)]"))
					.as("CPU shares of a real guest").isNotEmpty().allSatisfy(cpu -> assertThat(cpu).isBetween(0.0, 100.0));
				assertThat(JsonPath.<List<Number>>read(series, "$.series[1].values[?(@ != null)]"))
					.as("memory used").anySatisfy(bytes -> assertThat(bytes.doubleValue()).isPositive());
				assertThat(JsonPath.<List<Number>>read(series, "$.series[2].values[?(@ != null)]"))
					.as("bytes received").anySatisfy(rate -> assertThat(rate.doubleValue()).isPositive());
			});
	}

	@Test
	@Order(2)
	void a_data_disk_is_formatted_and_mounted_where_the_plan_says() {
		assumeTrue(dataDiskSubscription != null, "ordered by the first test");
		SubscriptionId subscription = dataDiskSubscription;
		UUID deployment = fixtures.deploymentOf(subscription);
		fixtures.awaitState(deployment, "READY", BOOT_PATIENCE);
		InstanceDetails server = instances.find(new InstanceId(fixtures.instanceOf(deployment))).orElseThrow();

		assertThat(realVms.ssh(world, server, "findmnt -n -o SOURCE,FSTYPE,TARGET " + RealVmFixtures.DATA_MOUNT)
			.trim()
			.split("\\s+")).containsExactly("/dev/vdb1", "ext4", RealVmFixtures.DATA_MOUNT);

		fixtures.cancel(subscription);
		fixtures.awaitState(deployment, "DESTROYED", TEARDOWN_PATIENCE);
	}

	@Test
	@Order(3)
	void dunning_shuts_the_guest_down_and_payment_starts_it_again() {
		assumeTrue(firstServer != null, "needs the server of the first test");
		BillingCalls api = new BillingCalls(mvc, json);
		LocalDate today = invoicing.today();
		api.issue(world.operator(), today);
		List<Map<String, Object>> open = JsonPath.read(RealVmFixtures.body(api.get("/api/v1/invoices",
				world.customer())), "$[?(@.status == 'OPEN')]");
		assertThat(open).as("the customer's open invoices").isNotEmpty();
		LocalDate lastDue = open.stream()
			.map(invoice -> LocalDate.parse((String) invoice.get("dueAt")))
			.max(LocalDate::compareTo)
			.orElseThrow();

		dunning.run(lastDue.plusDays(14), new OrganisationId(world.customer().user().organisationId().id()));
		fixtures.awaitState(firstDeployment, "SUSPENDED", TEARDOWN_PATIENCE);
		assertThat(hypervisor.virsh("domstate", realVms.machine(world, firstServer)).trim()).isEqualTo("shut off");

		for (Map<String, Object> invoice : open) {
			assertThat(api.pay(world.operator(), BillingCalls.id(invoice), String.valueOf(invoice.get("total")),
					today.toString(), "late transfer")).hasStatus(201);
		}
		fixtures.awaitState(firstDeployment, "READY", BOOT_PATIENCE);
		assertThat(hypervisor.virsh("domstate", realVms.machine(world, firstServer)).trim()).isEqualTo("running");
		Awaitility.await()
			.atMost(BOOT_PATIENCE)
			.pollInterval(Duration.ofSeconds(3))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(realVms.ssh(world, firstServer, "hostname").trim())
				.isEqualTo(firstServer.name()));
	}

	@Test
	@Order(4)
	void cancelling_removes_the_domain_its_volumes_and_the_seed() throws Exception {
		assumeTrue(firstServer != null, "needs the server of the first test");
		String machine = realVms.machine(world, firstServer);
		fixtures.cancel(firstSubscription);
		fixtures.awaitState(firstDeployment, "DESTROYED", TEARDOWN_PATIENCE);

		assertThat(hypervisor.virsh("list", "--all", "--name")).doesNotContain(machine);
		assertThat(hypervisor.virsh("vol-list", hypervisor.storagePool())).doesNotContain(machine);
		assertThat(status(firstSeedUrl + "meta-data")).as("the data-source token is revoked").isEqualTo(404);
	}

	@Test
	@Order(5)
	void a_direct_server_on_the_busybox_guest_reaches_ready() {
		String type = realVms.serverType(world, 1, 256, 1);
		DirectServer server = realVms.createServer(world, type, world.busyboxImage());

		fixtures.awaitState(server.deploymentId(), "READY", Duration.ofMinutes(3));
		assertThat(jdbc.sql("select guest_phoned_home_at from deployments where id = ?")
			.param(server.deploymentId())
			.query(Instant.class)
			.single()).as("the busybox guest phoned home").isNotNull();
		InstanceDetails details = instances.find(new InstanceId(server.instanceId())).orElseThrow();
		assertThat(hypervisor.virsh("domstate", realVms.machine(world, details)).trim()).isEqualTo("running");

		assertThat(fixtures.send("DELETE", "/api/v1/instances/" + server.instanceId(), null, world.customer())
			.getResponse()
			.getStatus()).isBetween(200, 299);
		fixtures.awaitState(server.deploymentId(), "DESTROYED", TEARDOWN_PATIENCE);
	}

	private static String seedUrl(String domainXml) {
		Matcher seed = SEED.matcher(domainXml);
		assertThat(seed.find()).as("the domain carries the seed URL in its SMBIOS serial").isTrue();
		return seed.group(1);
	}

	private static int status(String uri) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
	}

	private static Instant instant(Object timestamp) {
		return timestamp instanceof java.sql.Timestamp sql ? sql.toInstant() : (Instant) timestamp;
	}
}
