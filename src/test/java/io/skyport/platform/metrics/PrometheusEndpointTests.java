package io.skyport.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.skyport.accounts.AccountFixtures;
import io.skyport.testing.Promtool;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * {@code /actuator/prometheus}, fetched over HTTP with an operator's token as Prometheus scrapes it, passes
 * {@code promtool check metrics}: every family has help text, counters end in {@code _total}, units are base units.
 */
@SkyportIntegrationTest
class PrometheusEndpointTests {

	@Autowired
	AccountFixtures accounts;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void the_endpoint_passes_promtool_check_metrics() throws Exception {
		Promtool promtool = Promtool.find();
		assumeTrue(promtool != null, () -> "promtool cannot be installed here: " + Promtool.unavailableBecause());
		String bearer = accounts.operator().bearer();
		get("/api/v1/me", bearer);
		get("/no/such/page", bearer);

		HttpResponse<String> scrape = get("/actuator/prometheus", bearer);

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("http_server_requests_seconds_count");
		Path saved = Files.writeString(Path.of("target", "prometheus-scrape.txt"), scrape.body());
		Promtool.Verdict verdict = promtool.checkMetrics(scrape.body());
		assertThat(verdict.passed()).as("promtool check metrics on %s said:%n%s", saved, verdict.output()).isTrue();
		assertThat(scrape.body().lines().filter(line -> line.startsWith("# HELP skyport_")))
			.as("Skyport's own meters describe themselves")
			.isNotEmpty()
			.noneMatch(line -> line.contains(MeterDescriptions.FALLBACK_PREFIX));
	}

	private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", authorization)
			.header("Accept", "text/plain;version=0.0.4")
			.build(), HttpResponse.BodyHandlers.ofString());
	}
}
