package io.skyport.compute.consolelogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.springframework.util.unit.DataSize;

import com.jayway.jsonpath.JsonPath;

import io.micrometer.core.instrument.MeterRegistry;
import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceId;
import io.skyport.compute.NewInstance;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.compute.provider.ComputeProvider;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console log capture on libvirt's test hypervisor, where the simulated guest writes the machine's console file
 * (this process is the test driver's host): captured through the provider port, read back as lines with their capture
 * times, by position for a live tail, by time for a deployment step, downloaded; a rotated or truncated log, the size
 * cap and the retention; the owner only.
 */
@SkyportIntegrationTest
class ConsoleLogCaptureTests {

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
	ConsoleCapture capture;

	@Autowired
	ConsoleLogStore store;

	@Autowired
	ConsoleLogReader reader;

	@Autowired
	NodeDirectory nodes;

	@Autowired
	ComputeProvider provider;

	@Autowired
	MeterRegistry meters;

	TestUser customer;
	TestUser operator;
	String region;
	ImageSummary image;

	@BeforeEach
	void testNode() {
		customer = accounts.customer();
		operator = accounts.operator();
		image = compute.image(1);
		region = "log-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> node = new HashMap<>();
		node.put("name", "node-" + region);
		node.put("uri", "test:///default");
		node.put("region", region);
		node.put("virtType", "QEMU");
		node.put("storagePool", "default-pool");
		assertThat(send("POST", "/api/v1/compute/nodes", node, operator)).hasStatus(201);
	}

	@Test
	void what_the_simulated_guest_prints_is_captured_and_read_as_lines_with_a_live_tail_and_a_download() throws Exception {
		InstanceId id = running("log-1");
		Path console = consoleFile(id);
		await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(console)
				&& Files.readString(console).contains("login: "));

		capture.round();
		MvcTestResult first = get("/api/v1/instances/" + id + "/console-log", customer);
		assertThat(first).hasStatusOk().bodyJson().extractingPath("$.lines[*].text").asArray()
			.contains("[    0.000000] Skyport simulated guest: libvirt's test driver runs no guest; these lines stand for one")
			.anySatisfy(line -> assertThat((String) line).startsWith("Cloud-init v. 22.4 (Skyport simulated guest) finished"));
		assertThat(body(first)).doesNotContain("nocloud/").as("the seed token is a secret").doesNotContain("\r");
		assertThat((Integer) JsonPath.read(body(first), "$.lines.length()")).isEqualTo(9);
		int next = JsonPath.read(body(first), "$.next");
		assertThat((Boolean) JsonPath.read(body(first), "$.lines[7].complete")).isTrue();
		assertThat((Boolean) JsonPath.read(body(first), "$.lines[8].complete")).as("the login prompt waits").isFalse();

		Files.writeString(console, "\r\n\u001B[0;32m  OK  \u001B[0m] Reached target multi-user.\r\nhalf a li",
				StandardOpenOption.APPEND);
		capture.round();
		MvcTestResult tail = get("/api/v1/instances/" + id + "/console-log?after=" + next, customer);
		assertThat(JsonPath.<List<String>>read(body(tail), "$.lines[*].text"))
			.as("the live tail re-reads the incomplete prompt line, then only what is new, colours removed")
			.containsExactly("login: ", "  OK  ] Reached target multi-user.", "half a li");
		long bytesBefore = storedBytes(id);
		capture.round();
		assertThat(storedBytes(id)).as("nothing new, nothing stored").isEqualTo(bytesBefore);

		MvcTestResult download = get("/api/v1/instances/" + id + "/console-log/download", customer);
		assertThat(download).hasStatusOk();
		assertThat(download.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION))
			.startsWith("attachment").contains("log-1-console.log");
		assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(Files.readAllBytes(console));
	}

	@Test
	void a_rotated_or_truncated_log_is_read_again_from_its_start_and_the_copy_keeps_what_came_before() throws Exception {
		InstanceId id = running("log-2");
		Path console = consoleFile(id);
		await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(console)
				&& Files.readString(console).contains("login: "));
		Files.writeString(console, "first boot, line one\nfirst boot, line two\n");
		capture.round();
		Files.writeString(console, "second boot: a log that grew past the old offset again, and then some more\n");
		capture.round();
		assertThat(reader.read(id, ConsoleLogQuery.TAIL).lines()).extracting(ConsoleLine::text).containsSubsequence(
				"first boot, line one", "first boot, line two",
				"second boot: a log that grew past the old offset again, and then some more");

		Files.writeString(console, "third\n");
		capture.round();
		assertThat(reader.read(id, ConsoleLogQuery.TAIL).lines()).extracting(ConsoleLine::text).last().isEqualTo("third");
	}

	@Test
	void lines_are_selected_by_the_time_they_were_captured_as_a_deployment_step_links_to_them() throws Exception {
		InstanceId id = running("log-3");
		Path console = consoleFile(id);
		await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(console)
				&& Files.readString(console).contains("login: "));
		Files.writeString(console, "during step one\n");
		Instant t0 = Instant.now().minusSeconds(60);
		ConsoleCapture early = captureAt(Clock.fixed(t0.plusSeconds(1), ZoneOffset.UTC), 256 * 1024, 2 << 20);
		early.round();
		Files.writeString(console, "during step two\n", StandardOpenOption.APPEND);
		captureAt(Clock.fixed(t0.plusSeconds(10), ZoneOffset.UTC), 256 * 1024, 2 << 20).round();

		String window = "since=" + t0.plusSeconds(5) + "&until=" + t0.plusSeconds(15);
		assertThat(JsonPath.<List<String>>read(body(get("/api/v1/instances/" + id + "/console-log?" + window, customer)),
				"$.lines[*].text")).containsExactly("during step two");
		assertThat(JsonPath.<List<String>>read(body(get("/api/v1/instances/" + id + "/console-log?until="
				+ t0.plusSeconds(5), customer)), "$.lines[*].text")).containsExactly("during step one");
	}

	@Test
	void the_copy_is_capped_in_size_and_older_output_expires() throws Exception {
		InstanceId id = running("log-4");
		Path console = consoleFile(id);
		await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(console)
				&& Files.readString(console).contains("login: "));
		Files.writeString(console, "");
		ConsoleCapture small = captureAt(Clock.systemUTC(), 1024, 4096);
		small.round();
		for (int i = 0; i < 10; i++) {
			Files.writeString(console, ("line " + i + " ").repeat(100) + "\n", StandardOpenOption.APPEND);
			small.round();
		}
		ConsoleLogLines lines = reader.read(id, ConsoleLogQuery.TAIL);
		assertThat(storedBytes(id)).isLessThanOrEqualTo(4096 + 1024);
		assertThat(lines.earlierDropped()).isTrue();
		assertThat(lines.lines()).extracting(ConsoleLine::text).last().asString().startsWith("line 9 ");
		assertThat(lines.lines()).extracting(ConsoleLine::text).noneMatch(text -> text.startsWith("line 0 "));

		ConsoleLogRetention retention = new ConsoleLogRetention(store, properties(1024, 4096),
				Clock.offset(Clock.systemUTC(), Duration.ofDays(31)));
		assertThat(retention.run()).isPositive();
		assertThat(storedBytes(id)).isZero();
		assertThat(reader.read(id, ConsoleLogQuery.TAIL).lines()).isEmpty();
	}

	@Test
	void another_customers_server_is_not_found_and_bad_parameters_are_explained() {
		InstanceId id = compute.create(request("log-5"));
		TestUser stranger = accounts.customer();
		assertThat(get("/api/v1/instances/" + id + "/console-log", stranger)).hasStatus(404);
		assertThat(get("/api/v1/instances/" + id + "/console-log/download", stranger)).hasStatus(404);
		assertThat(get("/api/v1/instances/" + UUID.randomUUID() + "/console-log", customer)).hasStatus(404);
		assertThat(get("/api/v1/instances/" + id + "/console-log", operator)).hasStatusOk()
			.bodyJson().extractingPath("$.lines").asArray().isEmpty();

		assertThat(get("/api/v1/instances/" + id + "/console-log?since=yesterday", customer)).hasStatus(400)
			.bodyJson().extractingPath("$.errors[0].field").isEqualTo("since");
		assertThat(get("/api/v1/instances/" + id + "/console-log?since=2026-12-07T10:00:00Z&until=2026-12-07T09:00:00Z",
				customer)).hasStatus(400).bodyJson().extractingPath("$.errors[0].message").asString()
			.contains("not be earlier than");
		assertThat(get("/api/v1/instances/" + id + "/console-log?limit=0", customer)).hasStatus(400);
		assertThat(get("/api/v1/instances/" + id + "/console-log?limit=1000000", customer)).hasStatus(400);
		assertThat(get("/api/v1/instances/" + id + "/console-log?after=-5", customer)).hasStatus(400)
			.bodyJson().extractingPath("$.errors[0].field").isEqualTo("after");
		assertThat(get("/api/v1/instances/" + id + "/console-log?after=x", customer)).hasStatus(400);
	}

	private ConsoleCapture captureAt(Clock clock, int readBytes, long maxBytes) {
		return new ConsoleCapture(store, nodes, provider, properties(readBytes, maxBytes), clock, meters);
	}

	private static ConsoleLogProperties properties(int readBytes, long maxBytes) {
		return new ConsoleLogProperties(true, Duration.ofSeconds(5), Duration.ofSeconds(20), 2,
				DataSize.ofBytes(readBytes), DataSize.ofBytes(maxBytes), Duration.ofDays(30), Duration.ofHours(1),
				Duration.ofMinutes(1));
	}

	private InstanceId running(String name) {
		InstanceId id = compute.create(request(name));
		compute.provision(id);
		return id;
	}

	private Path consoleFile(InstanceId id) {
		String machine = jdbc.sql("select machine_name from compute_instances where id = ?").param(id.id())
			.query(String.class).single();
		return Path.of(System.getProperty("java.io.tmpdir"), "skyport-test-consoles", machine + ".log");
	}

	private long storedBytes(InstanceId id) {
		return jdbc.sql("select coalesce(sum(octet_length(content)), 0) from compute_console_chunks where instance_id = ?")
			.param(id.id()).query(Long.class).single();
	}

	private NewInstance request(String name) {
		return new NewInstance(customer.user().organisationId(), null, name, null, List.of(), region, 1, 256, 1, null,
				null, image.id(), List.of(), null, null, null, null);
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

	private static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}
}
