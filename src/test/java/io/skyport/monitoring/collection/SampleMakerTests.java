package io.skyport.monitoring.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.skyport.accounts.OrganisationId;
import io.skyport.compute.InstanceCounters;
import io.skyport.compute.InstanceId;
import io.skyport.compute.NodeId;
import io.skyport.compute.NodeMeasurement;
import io.skyport.monitoring.samples.Counters;
import io.skyport.monitoring.samples.InstanceSample;
import io.skyport.monitoring.samples.SubjectState;

/** Growth and rates from counters, across restarts, moves and single counters that reset. */
class SampleMakerTests {

	static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
	static final InstanceId INSTANCE = new InstanceId(UUID.randomUUID());
	static final NodeId NODE = new NodeId(UUID.randomUUID());

	final SampleMaker maker = new SampleMaker(Duration.ofSeconds(15));

	@Test
	void the_second_reading_of_a_run_gives_growth_and_cpu_share_over_the_time_between() {
		var first = maker.instance(reading("7", 10_000_000_000L, 1_000, 5_000), node(NODE), T0, null);
		var second = maker.instance(reading("7", 25_000_000_000L, 4_000, 65_000), node(NODE), T0.plusSeconds(10),
				first.state());

		assertThat(first.sample().cpuPercent()).as("no share without a start").isNull();
		assertThat(first.sample().growth().networkOut()).as("a new run counts from its start").isEqualTo(5_000);
		InstanceSample sample = second.sample();
		assertThat(sample.seconds()).isEqualTo(10);
		// 15 s of CPU in 10 s on 2 vCPUs
		assertThat(sample.cpuPercent()).isEqualTo(75.0);
		assertThat(sample.growth().networkIn()).isEqualTo(3_000);
		assertThat(sample.growth().networkOut()).isEqualTo(60_000);
		assertThat(second.cpuNanos()).isEqualTo(15_000_000_000L);
	}

	@Test
	void a_restart_or_a_move_starts_counting_again_instead_of_giving_negative_growth() {
		var before = maker.instance(reading("7", 90_000_000_000L, 1_000_000, 9_000_000), node(NODE), T0, null);

		var restarted = maker.instance(reading("8", 2_000_000_000L, 100, 700), node(NODE), T0.plusSeconds(15),
				before.state());
		var moved = maker.instance(reading("7", 95_000_000_000L, 1_100_000, 9_100_000),
				node(new NodeId(UUID.randomUUID())), T0.plusSeconds(15), before.state());

		assertThat(restarted.sample().growth().networkOut()).isEqualTo(700);
		assertThat(restarted.sample().cpuPercent()).isNull();
		assertThat(restarted.sample().seconds()).as("one nominal interval").isEqualTo(15);
		assertThat(moved.sample().growth().networkOut()).as("counters of another host are not comparable")
			.isEqualTo(9_100_000);
	}

	@Test
	void a_single_counter_that_went_down_restarts_alone() {
		Counters previous = new Counters(100, 1_000, 2_000, 3_000, 4_000, 50, 60);
		Counters now = new Counters(150, 300, 2_500, 3_000, 4_100, 55, 61);

		assertThat(now.since(previous)).isEqualTo(new Counters(50, 300, 500, 0, 100, 5, 1));
	}

	@Test
	void the_node_cpu_is_what_its_guests_used_over_all_its_cpus() {
		NodeMeasurement node = node(NODE);
		var first = maker.node(node, T0, 0, null);
		var second = maker.node(node, T0.plusSeconds(20), 40_000_000_000L, first.state());

		assertThat(first.sample().cpuPercent()).isNull();
		// 40 s of guest CPU in 20 s on 8 CPUs
		assertThat(second.sample().cpuPercent()).isEqualTo(25.0);
		assertThat(second.sample().domains()).isEqualTo(3);
	}

	@Test
	void a_state_later_than_the_reading_is_not_continued() {
		SubjectState future = maker.instance(reading("7", 10, 10, 10), node(NODE), T0.plusSeconds(60), null).state();

		var sample = maker.instance(reading("7", 20, 20, 20), node(NODE), T0, future).sample();

		assertThat(sample.growth().networkOut()).isEqualTo(20);
	}

	static InstanceCounters reading(String run, long cpu, long in, long out) {
		return new InstanceCounters(INSTANCE, "web-1", new OrganisationId(UUID.randomUUID()), null, 2, run, cpu,
				256L << 20, 512L << 20, in, out, 0, 0, 0, 0);
	}

	static NodeMeasurement node(NodeId id) {
		return new NodeMeasurement(id, "node-1", "eu-1", 8, 16L << 30, 8L << 30, 100L << 30, 60L << 30, 3, List.of());
	}
}
