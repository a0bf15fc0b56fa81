package io.skyport.monitoring.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.skyport.accounts.AccountFixtures;
import io.skyport.compute.InstanceDetails;
import io.skyport.monitoring.MonitoringFixtures;
import io.skyport.monitoring.MonitoringFixtures.TestNode;
import io.skyport.monitoring.collection.Collector;
import io.skyport.testing.Promtool;
import io.skyport.testing.SkyportIntegrationTest;

/** A sampled server appears on the Prometheus endpoint with its IDs and region as labels, never its name. */
@SkyportIntegrationTest
class InstanceMetersTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	MonitoringFixtures monitoring;

	@Autowired
	Collector collector;

	@Autowired
	InstanceMeters meters;

	@Test
	void a_sampled_server_has_cpu_memory_network_and_disk_series_labelled_by_id() throws Exception {
		TestNode node = monitoring.node();
		InstanceDetails server = monitoring.running(accounts.customer().user().organisationId(), node,
				"prometheus-named-server", null);
		collector.round(Instant.now().minusSeconds(15));
		collector.round(Instant.now());

		meters.refresh();

		String body = mvc.get().uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
			.exchange().getResponse().getContentAsString();
		String labels = "instance=\"" + server.id() + "\",node=\"" + node.id() + "\",region=\"" + node.region() + "\"";
		assertThat(body).contains("skyport_instance_cpu_usage_ratio{" + labels + "}")
			.contains("skyport_instance_memory_used_bytes{" + labels + "}")
			.contains("skyport_instance_network_transmit_bytes_total{" + labels + "}")
			.contains("skyport_instance_disk_read_bytes_total{" + labels + "}")
			.contains("# HELP skyport_instance_disk_written_bytes_total")
			.doesNotContain("prometheus-named-server");
		String diskRead = body.lines().filter(line -> line.startsWith("skyport_instance_disk_read_bytes_total{" + labels))
			.findFirst().orElseThrow();
		assertThat(Double.parseDouble(diskRead.substring(diskRead.lastIndexOf(' ') + 1))).isPositive();
		Promtool promtool = Promtool.find();
		if (promtool != null) {
			Promtool.Verdict verdict = promtool.checkMetrics(body);
			assertThat(verdict.passed()).as(verdict.output()).isTrue();
		}
	}
}
