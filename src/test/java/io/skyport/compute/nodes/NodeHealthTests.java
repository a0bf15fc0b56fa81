package io.skyport.compute.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.skyport.compute.nodes.NodeHealth.Change;
import io.skyport.compute.provider.HostReport;
import io.skyport.compute.provider.NetworkAttachment;
import io.skyport.compute.provider.VirtType;
import io.skyport.platform.errors.ConflictException;
import io.skyport.testing.TestClock;

/**
 * The health rule and the node's state machine, driven by direct calls and a clock that moves only when told.
 */
class NodeHealthTests {

	private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));

	private static final HostReport REPORT = new HostReport("QEMU", 7_002_000, 9_000_000, 16, 3072, 2048, 100, 80, 3);

	@Test
	void three_missed_checks_in_a_row_take_an_up_node_down_once() {
		NodeHealth health = new NodeHealth();

		assertThat(health.missed(NodeState.UP, "Connection refused", tick())).isEqualTo(Change.NONE);
		assertThat(health.missed(NodeState.UP, "Connection refused", tick())).isEqualTo(Change.NONE);
		assertThat(health.missed(NodeState.UP, "No answer within 20 s.", tick())).isEqualTo(Change.WENT_DOWN);
		assertThat(health.missed(NodeState.DOWN, "Connection refused", tick())).isEqualTo(Change.NONE);

		assertThat(health.missedChecks()).isEqualTo(4);
		assertThat(health.lastError()).isEqualTo("Connection refused");
		assertThat(health.lastErrorAt()).isEqualTo(clock.instant());
		assertThat(health.healthy()).isFalse();
	}

	@Test
	void a_probe_or_a_heartbeat_resets_the_count_and_brings_a_down_node_up() {
		NodeHealth health = new NodeHealth();
		health.missed(NodeState.UP, "refused", tick());
		health.missed(NodeState.UP, "refused", tick());
		assertThat(health.heartbeat(NodeState.UP, 1024L, null, tick())).isEqualTo(Change.NONE);
		assertThat(health.missedChecks()).isZero();
		assertThat(health.missed(NodeState.UP, "refused", tick())).isEqualTo(Change.NONE);

		assertThat(health.probed(NodeState.DOWN, REPORT, tick())).isEqualTo(Change.CAME_UP);
		assertThat(health.lastSeenAt()).isEqualTo(clock.instant());
		assertThat(health.lastProbeAt()).isEqualTo(clock.instant());
		assertThat(health.hypervisor()).isEqualTo("QEMU");
		assertThat(health.freeMemoryMib()).isEqualTo(2048);
		assertThat(health.machineCount()).isEqualTo(3);

		assertThat(health.heartbeat(NodeState.DOWN, null, 70L, tick())).isEqualTo(Change.CAME_UP);
		assertThat(health.lastHeartbeatAt()).isEqualTo(clock.instant());
		assertThat(health.freeMemoryMib()).isEqualTo(2048);
		assertThat(health.freeDiskGib()).isEqualTo(70);
	}

	@Test
	void the_node_goes_down_and_up_with_its_health() {
		ComputeNode node = node(null);

		assertThat(List.of(node.missed("refused", tick()), node.missed("refused", tick()), node.missed("refused", tick())))
			.containsExactly(Change.NONE, Change.NONE, Change.WENT_DOWN);
		assertThat(node.state()).isEqualTo(NodeState.DOWN);

		assertThat(node.heartbeat(512L, null, tick())).isEqualTo(Change.CAME_UP);
		assertThat(node.state()).isEqualTo(NodeState.UP);
	}

	@Test
	void disabled_and_draining_nodes_keep_their_state_but_record_health() {
		ComputeNode node = node(null);
		node.disable(tick());
		for (int i = 0; i < 5; i++) {
			assertThat(node.missed("refused", tick())).isEqualTo(Change.NONE);
		}
		assertThat(node.state()).isEqualTo(NodeState.DISABLED);
		assertThat(node.health().missedChecks()).isEqualTo(5);

		node.drain(tick());
		assertThat(node.probed(REPORT, tick())).isEqualTo(Change.NONE);
		assertThat(node.state()).isEqualTo(NodeState.DRAINING);
		assertThat(node.health().missedChecks()).isZero();
	}

	@Test
	void enabling_returns_a_node_to_the_state_its_health_says() {
		ComputeNode node = node(null);
		node.drain(tick());
		node.missed("refused", tick());
		node.missed("refused", tick());
		node.missed("refused", tick());
		node.enable(tick());
		assertThat(node.state()).isEqualTo(NodeState.DOWN);

		assertThat(node.probed(REPORT, tick())).isEqualTo(Change.CAME_UP);
		node.disable(tick());
		node.enable(tick());
		assertThat(node.state()).isEqualTo(NodeState.UP);
	}

	@Test
	void operator_transitions_refuse_what_is_already_so() {
		ComputeNode node = node(null);
		assertThatThrownBy(() -> node.enable(tick())).isInstanceOf(ConflictException.class)
			.hasMessage("The node hv-01 is already enabled (it is UP).");
		node.disable(tick());
		assertThatThrownBy(() -> node.disable(tick())).isInstanceOf(ConflictException.class)
			.hasMessage("The node hv-01 is already disabled.");
		node.drain(tick());
		assertThatThrownBy(() -> node.drain(tick())).isInstanceOf(ConflictException.class)
			.hasMessage("The node hv-01 is already draining.");
	}

	@Test
	void a_new_node_that_never_answered_starts_down_and_comes_up_on_its_first_answer() {
		ComputeNode node = node(null);
		node.neverAnswered("Compute is unavailable", tick());
		assertThat(node.state()).isEqualTo(NodeState.DOWN);
		assertThat(node.health().healthy()).isFalse();

		assertThat(node.probed(REPORT, tick())).isEqualTo(Change.CAME_UP);
	}

	@Test
	void capacity_follows_libvirt_unless_an_operator_set_it() {
		ComputeNode fromLibvirt = node(null);
		fromLibvirt.probed(REPORT, tick());
		assertThat(List.of((long) fromLibvirt.vcpus(), fromLibvirt.memoryMib(), fromLibvirt.diskGib()))
			.containsExactly(16L, 3072L, 100L);

		ComputeNode overridden = node(new NodeSettings.Capacity(8, 1024, 20));
		overridden.probed(REPORT, tick());
		assertThat(List.of((long) overridden.vcpus(), overridden.memoryMib(), overridden.diskGib()))
			.containsExactly(8L, 1024L, 20L);
		assertThat(overridden.capacityOverridden()).isTrue();
	}

	@Test
	void heartbeats_are_missed_by_the_interval_the_node_promised() {
		Instant enrolled = clock.instant();
		ComputeNode node = new ComputeNode(settings(null), new ComputeNode.Capacity(4, 8192, 200), java.util.UUID.randomUUID(),
				Secrets.sha256("skpn_x"), 30, enrolled);
		assertThat(node.vcpus()).isEqualTo(4);
		assertThat(node.heartbeatsMissed(enrolled.plusSeconds(29))).isZero();
		assertThat(node.heartbeatsMissed(enrolled.plusSeconds(95))).isEqualTo(3);

		node.heartbeat(null, null, enrolled.plusSeconds(90));
		assertThat(node.heartbeatsMissed(enrolled.plusSeconds(95))).isZero();
		assertThat(node(null).heartbeatsMissed(enrolled.plus(Duration.ofDays(1)))).isZero();
	}

	private Instant tick() {
		clock.advance(Duration.ofSeconds(30));
		return clock.instant();
	}

	private ComputeNode node(NodeSettings.Capacity capacity) {
		return new ComputeNode(settings(capacity), clock.instant());
	}

	private static NodeSettings settings(NodeSettings.Capacity capacity) {
		return new NodeSettings("hv-01", "qemu+ssh://root@hv-01.example/system", "eu-west-1", VirtType.KVM, capacity,
				NodeRules.DEFAULT_CPU_RATIO, NodeRules.DEFAULT_RAM_RATIO, NodeRules.DEFAULT_DISK_RATIO,
				NetworkAttachment.user(), "default", null, false);
	}
}
