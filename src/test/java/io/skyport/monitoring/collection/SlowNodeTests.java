package io.skyport.monitoring.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.skyport.accounts.AccountFixtures;
import io.skyport.compute.ComputeMeasurements;
import io.skyport.compute.InstanceDetails;
import io.skyport.monitoring.MonitoringFixtures;
import io.skyport.monitoring.MonitoringFixtures.TestNode;
import io.skyport.monitoring.samples.MonitoringProperties;
import io.skyport.monitoring.samples.SampleStore;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * A host that accepts libvirt's connection and never answers misses the round after the node timeout, and every
 * other node is recorded without waiting for it.
 */
@SkyportIntegrationTest
class SlowNodeTests {

	@Autowired
	ComputeMeasurements compute;

	@Autowired
	SampleStore store;

	@Autowired
	MonitoringFixtures monitoring;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	ServerSocket silent;
	final List<Socket> accepted = new ArrayList<>();
	String slowNode;

	@AfterEach
	void closeTheSilentHost() throws IOException {
		if (slowNode != null) {
			jdbc.sql("update compute_nodes set state = 'DISABLED' where name = ?").param(slowNode).update();
		}
		for (Socket socket : accepted) {
			socket.close();
		}
		if (silent != null) {
			silent.close();
		}
	}

	@Test
	void a_silent_host_misses_the_round_and_the_others_are_recorded() throws Exception {
		silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().start(() -> {
			while (!silent.isClosed()) {
				try {
					accepted.add(silent.accept());
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		slowNode = "silent-" + UUID.randomUUID().toString().substring(0, 8);
		jdbc.sql("""
				insert into compute_nodes (id, name, uri, region, virt_type, state, vcpus, memory_mib, disk_gib,
				  storage_pool, created_at, updated_at)
				values (?, ?, ?, 'silent', 'QEMU', 'UP', 8, 8192, 100, 'default', now(), now())""")
			.params(UUID.randomUUID(), slowNode, "qemu+tcp://127.0.0.1:" + silent.getLocalPort() + "/system")
			.update();
		TestNode node = monitoring.node();
		InstanceDetails server = monitoring.running(accounts.customer().user().organisationId(), node, "patient-1", null);
		MonitoringProperties properties = new MonitoringProperties(false, Duration.ofSeconds(15), Duration.ofSeconds(2),
				8, 2000, new MonitoringProperties.Retention(Duration.ofHours(24), Duration.ofDays(14), Duration.ofDays(395)));
		Collector collector = new Collector(compute, store, Clock.systemUTC(), properties);
		try {
			long started = System.nanoTime();
			Collector.Round round = collector.round(Instant.now());
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertThat(round.missed()).anySatisfy(missed -> assertThat(missed).startsWith(slowNode));
			assertThat(took).as("the round waited for the silent host no longer than the node timeout")
				.isLessThan(Duration.ofSeconds(8));
			assertThat(jdbc.sql("select count(*) from monitoring_instance_samples where instance_id = ?")
				.param(server.id().id()).query(Long.class).single()).isEqualTo(1);
		}
		finally {
			collector.destroy();
		}
	}
}
