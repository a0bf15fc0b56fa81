package io.skyport.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.skyport.deployer.DeployerFixtures;
import io.skyport.deployer.DeployerFixtures.World;
import io.skyport.testing.Promtool;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /actuator/prometheus}, fetched over HTTP with an operator's token as Prometheus scrapes it, after a server
 * was deployed (so the saga's histograms, placements, data-source requests and e-mail have values): it passes
 * {@code promtool check metrics}, and the shipped scrape configuration and Grafana dashboard fit it.
 */
@SkyportIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusEndpointTests {

	/** The per-server (virtual machine) series the monitoring module exposes; the dashboard may use them. */
	static final Set<String> PER_INSTANCE_SERIES = Set.of("skyport_instance_cpu_usage_ratio",
			"skyport_instance_memory_used_bytes", "skyport_instance_network_receive_bytes_total",
			"skyport_instance_network_transmit_bytes_total", "skyport_instance_disk_read_bytes_total",
			"skyport_instance_disk_written_bytes_total");

	/** A metric selector: a name followed by its label matchers or a range. */
	private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");

	/** The metric of a {@code label_values(metric, label)} variable. */
	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

	@Autowired
	DeployerFixtures deployer;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private String bearer;
	private String scrape;

	@BeforeAll
	void deployAServerAndScrape() throws Exception {
		World world = deployer.world();
		bearer = world.operator().bearer();
		UUID deployment = deployer.deploymentOf(deployer.order(world, world.bareVmPlan(), false));
		deployer.awaitState(deployment, "READY");
		get("/no/such/page", bearer);

		HttpResponse<String> response = get("/actuator/prometheus", bearer);

		assertThat(response.statusCode()).isEqualTo(200);
		scrape = response.body();
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "prometheus-scrape.txt"), scrape);
	}

	@Test
	void the_endpoint_passes_promtool_check_metrics() {
		Promtool promtool = Promtool.find();
		assumeTrue(promtool != null, () -> "promtool cannot be installed here: " + Promtool.unavailableBecause());
		assertThat(scrape).contains("http_server_requests_seconds_count")
			.contains("skyport_deployer_step_duration_seconds_bucket");

		Promtool.Verdict verdict = promtool.checkMetrics(scrape);

		assertThat(verdict.passed()).as("promtool check metrics on target/prometheus-scrape.txt said:%n%s",
				verdict.output()).isTrue();
		assertThat(scrape.lines().filter(line -> line.startsWith("# HELP skyport_")))
			.as("Skyport's own meters describe themselves")
			.isNotEmpty()
			.noneMatch(line -> line.contains(MeterDescriptions.FALLBACK_PREFIX));
	}

	@Test
	void the_platform_series_are_exposed_with_their_bounded_labels() {
		assertThat(scrape).contains("skyport_deployments{state=\"ready\"}")
			.contains("skyport_compute_nodes{state=\"up\"}")
			.contains("skyport_placement_decisions_total{outcome=\"placed\",reason=\"placed\"}")
			.contains("skyport_nocloud_requests_total{document=\"meta-data\",outcome=\"served\"}")
			.contains("skyport_billing_invoice_runs_seconds_count{outcome=\"completed\",trigger=\"schedule\"}")
			.contains("skyport_mail_deliveries_total{outcome=\"outbox\"}")
			.contains("skyport_mail_undelivered ")
			.contains("skyport_events_incomplete ")
			.contains("skyport_events_abandoned ");
	}

	@Test
	void every_query_of_the_grafana_dashboard_uses_series_that_exist() throws IOException {
		JsonNode dashboard = json.readTree(Files.readString(Path.of("docs/prometheus/grafana-dashboard.json")));
		List<String> queries = new ArrayList<>();
		collectPanelQueries(dashboard.get("panels"), queries);
		assertThat(queries).as("panel queries").hasSizeGreaterThan(20);
		Set<String> used = new TreeSet<>();
		for (String query : queries) {
			Matcher selector = SELECTOR.matcher(query);
			boolean any = false;
			while (selector.find()) {
				used.add(selector.group(1));
				any = true;
			}
			assertThat(any).as("every query selects a series with {…}: %s", query).isTrue();
		}
		for (JsonNode variable : dashboard.get("templating").get("list")) {
			if (variable.has("definition")) {
				Matcher metric = LABEL_VALUES.matcher(variable.get("definition").asString());
				assertThat(metric.find()).as("variable %s", variable.get("name")).isTrue();
				used.add(metric.group(1));
			}
		}

		assertThat(used).allSatisfy(series -> assertThat(PER_INSTANCE_SERIES.contains(series) || exposed(series))
			.as("%s is on /actuator/prometheus or one of the per-instance series", series).isTrue());
		assertThat(used).as("the dashboard shows the platform and the per-instance series")
			.contains("skyport_deployments", "skyport_placement_decisions_total",
					"skyport_deployer_step_duration_seconds_bucket")
			.containsAll(PER_INSTANCE_SERIES);
	}

	@Test
	void the_scrape_configuration_passes_promtool_check_config() throws IOException {
		Promtool promtool = Promtool.find();
		assumeTrue(promtool != null, () -> "promtool cannot be installed here: " + Promtool.unavailableBecause());
		Path directory = Files.createTempDirectory("prometheus-config");
		Path token = Files.writeString(directory.resolve("skyport.token"), bearer.substring("Bearer ".length()));
		String config = Files.readString(Path.of("docs/prometheus/prometheus.yml"));
		assertThat(config).contains("metrics_path: /actuator/prometheus").contains("type: Bearer")
			.contains("credentials_file: /etc/prometheus/skyport.token");
		Path copy = Files.writeString(directory.resolve("prometheus.yml"),
				config.replace("/etc/prometheus/skyport.token", token.toString()));

		Promtool.Verdict verdict = promtool.checkConfig(copy);

		assertThat(verdict.passed()).as("promtool check config said:%n%s", verdict.output()).isTrue();
	}

	private boolean exposed(String series) {
		return scrape.lines().anyMatch(line -> line.startsWith(series + "{") || line.startsWith(series + " "));
	}

	private static void collectPanelQueries(JsonNode panels, List<String> queries) {
		for (JsonNode panel : panels) {
			if (panel.has("panels")) {
				collectPanelQueries(panel.get("panels"), queries);
			}
			if (panel.has("targets")) {
				for (JsonNode target : panel.get("targets")) {
					queries.add(target.get("expr").asString());
				}
			}
		}
	}

	private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", authorization)
			.header("Accept", "text/plain;version=0.0.4")
			.build(), HttpResponse.BodyHandlers.ofString());
	}
}
