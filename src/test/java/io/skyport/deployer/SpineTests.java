package io.skyport.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.skyport.billing.SubscriptionId;
import io.skyport.billing.SubscriptionManagement;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceId;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.compute.provider.ComputeProvider;
import io.skyport.compute.provider.MachineInfo;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.deployer.DeployerFixtures.World;
import io.skyport.testing.TestSmtpServer;
import jakarta.mail.internet.MimeMessage;

/**
 * The whole spine in one test: a customer orders with a region; the order becomes a server on libvirt's test
 * hypervisor whose (simulated) guest configures itself from Skyport's data source; the access instructions reach the
 * customer's mailbox (a real SMTP server) and the panel; dunning stops the server and payment starts it; cancelling
 * removes it after the retention period, leaving nothing on the host and a data-source token that answers 404.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "skyport.storage.local.root=target/test-objects", "skyport.compute.probe-enabled=false",
				"skyport.accounts.login.max-failures-per-address=1000000", "skyport.deployer.paid-retention=5s" })
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SpineTests {

	private static final TestSmtpServer smtp = new TestSmtpServer();
	private static final Pattern SEED = Pattern.compile("s=(http[^<]+/nocloud/[^/<]+/)");

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry registry) {
		smtp.register(registry);
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@Autowired
	DeployerFixtures fixtures;

	@Autowired
	SubscriptionManagement subscriptions;

	@Autowired
	ComputeInstances instances;

	@Autowired
	ComputeProvider provider;

	@Autowired
	NodeDirectory nodes;

	@Autowired
	JdbcClient jdbc;

	@Test
	void an_order_becomes_a_server_that_follows_billing_and_goes_without_a_trace() throws Exception {
		World world = fixtures.world();
		SubscriptionId subscription = fixtures.order(world, world.dataDiskPlan(), false);
		UUID deployment = fixtures.deploymentOf(subscription);

		fixtures.awaitState(deployment, "READY");
		InstanceId instance = new InstanceId(fixtures.instanceOf(deployment));
		InstanceDetails running = instances.find(instance).orElseThrow();
		assertThat(running.region()).isEqualTo(world.region());
		assertThat(running.configuredAt()).as("the guest read its configuration and phoned home").isNotNull();
		ProviderTarget node = nodes.target(running.nodeId());
		String seedUrl = seedUrl(provider.machineDefinition(node, machineName(node, instance)));
		assertThat(fetch(seedUrl + "meta-data")).isEqualTo(200);

		MimeMessage mail = Awaitility.await()
			.atMost(Duration.ofMinutes(1))
			.until(() -> Arrays.stream(smtp.getReceivedMessages())
				.filter(message -> recipients(message).contains(world.customer().email()) && subject(message).contains("is ready"))
				.toList(), list -> !list.isEmpty())
			.getFirst();
		assertThat(mail.getSubject()).contains(running.name()).contains("ready");
		assertThat(fixtures.get("/api/v1/notifications", world.customer())).hasStatusOk().bodyJson()
			.extractingPath("$.notifications[0].link").asString().endsWith("/panel/deployments/" + deployment);

		assertThat(subscriptions.suspend(subscription, "Invoice overdue")).isTrue();
		fixtures.awaitState(deployment, "SUSPENDED");
		assertThat(state(node, instance)).isEqualTo(MachineInfo.MachineState.STOPPED);
		assertThat(subscriptions.resume(subscription)).isTrue();
		fixtures.awaitState(deployment, "READY");
		assertThat(state(node, instance)).isEqualTo(MachineInfo.MachineState.RUNNING);

		assertThat(subscriptions.cancelImmediately(subscription, "Moving on")).isTrue();
		fixtures.awaitState(deployment, "TEARDOWN_REQUESTED");
		fixtures.awaitState(deployment, "DESTROYED");

		assertThat(provider.listMachines(node)).as("no machine of the instance is left on the host")
			.noneMatch(machine -> machine.name().contains(instance.toString()));
		assertThat(fetch(seedUrl + "meta-data")).as("the data-source token is revoked").isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from deployment_steps where deployment_id = ? and step = 'DESTROYING' "
				+ "and outcome = 'SUCCEEDED'").param(deployment).query(Integer.class).single()).isEqualTo(1);
	}

	private String machineName(ProviderTarget node, InstanceId instance) {
		return provider.listMachines(node)
			.stream()
			.map(MachineInfo::name)
			.filter(name -> name.contains(instance.toString()))
			.findFirst()
			.orElseThrow();
	}

	private MachineInfo.MachineState state(ProviderTarget node, InstanceId instance) {
		return provider.listMachines(node)
			.stream()
			.filter(machine -> machine.name().contains(instance.toString()))
			.findFirst()
			.orElseThrow()
			.state();
	}

	private static String seedUrl(String domainXml) {
		Matcher seed = SEED.matcher(domainXml);
		assertThat(seed.find()).as("the domain carries the seed URL in its SMBIOS serial").isTrue();
		return seed.group(1);
	}

	private static int fetch(String uri) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
	}

	private static String subject(MimeMessage message) {
		try {
			return String.valueOf(message.getSubject());
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> recipients(MimeMessage message) {
		try {
			return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
