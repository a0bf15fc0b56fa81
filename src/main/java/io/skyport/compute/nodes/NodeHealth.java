package io.skyport.compute.nodes;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Embeddable;

import org.jspecify.annotations.Nullable;

import io.skyport.compute.provider.HostReport;

/**
 * A node's health and the rule that moves it between {@code UP} and {@code DOWN}: a successful probe or a heartbeat
 * resets the count of missed checks, a failed probe (or a heartbeat that is overdue while nothing can be probed)
 * adds one; the third miss in a row takes an {@code UP} node {@code DOWN}, and the next sign of life brings a
 * {@code DOWN} node back {@code UP}. Operator states ({@code DISABLED}, {@code DRAINING}) are recorded but never
 * changed here. Free of I/O and clocks: callers pass the time, so tests drive it with plain calls.
 */
@Embeddable
class NodeHealth {

	static final int MISSES_BEFORE_DOWN = 3;

	static final int MAX_ERROR_LENGTH = 1000;

	/** What a check does to the node's state. */
	enum Change {
		NONE, WENT_DOWN, CAME_UP;

		NodeState applyTo(NodeState state) {
			return switch (this) {
				case NONE -> state;
				case WENT_DOWN -> NodeState.DOWN;
				case CAME_UP -> NodeState.UP;
			};
		}
	}

	private int missedChecks;

	private @Nullable Instant lastSeenAt;

	private @Nullable Instant lastProbeAt;

	private @Nullable Instant lastHeartbeatAt;

	private @Nullable String lastError;

	private @Nullable Instant lastErrorAt;

	private @Nullable String hypervisor;

	private @Nullable Long hypervisorVersion;

	private @Nullable Long libvirtVersion;

	private @Nullable Long freeMemoryMib;

	private @Nullable Long freeDiskGib;

	private @Nullable Integer machineCount;

	/** A probe answered. */
	Change probed(NodeState state, HostReport report, Instant at) {
		lastProbeAt = at;
		hypervisor = truncate(report.hypervisor(), 50);
		hypervisorVersion = report.hypervisorVersion();
		libvirtVersion = report.libvirtVersion();
		freeMemoryMib = report.freeMemoryMib();
		freeDiskGib = report.freeDiskGib();
		machineCount = report.machineCount();
		return alive(state, at);
	}

	/** The node sent a heartbeat, with what it knows of its free memory and disk (either may be missing). */
	Change heartbeat(NodeState state, @Nullable Long freeMemoryMib, @Nullable Long freeDiskGib, Instant at) {
		lastHeartbeatAt = at;
		if (freeMemoryMib != null) {
			this.freeMemoryMib = freeMemoryMib;
		}
		if (freeDiskGib != null) {
			this.freeDiskGib = freeDiskGib;
		}
		return alive(state, at);
	}

	/** A probe failed or did not answer in time, or a heartbeat is overdue. */
	Change missed(NodeState state, String reason, Instant at) {
		missedChecks = missedChecks >= Integer.MAX_VALUE - 1 ? missedChecks : missedChecks + 1;
		recordError(reason, at);
		return state == NodeState.UP && missedChecks >= MISSES_BEFORE_DOWN ? Change.WENT_DOWN : Change.NONE;
	}

	/** A new node's first contact failed: it starts {@code DOWN} without ever having been up. */
	void neverAnswered(String reason, Instant at) {
		missedChecks = MISSES_BEFORE_DOWN;
		recordError(reason, at);
	}

	/** The node now points at another host: what was learnt of the old one no longer applies. */
	void forgetHost() {
		hypervisor = null;
		hypervisorVersion = null;
		libvirtVersion = null;
		freeMemoryMib = null;
		freeDiskGib = null;
		machineCount = null;
		lastError = null;
		lastErrorAt = null;
	}

	/**
	 * How many heartbeats a node that promised one every {@code interval} has missed by {@code now}, counted from its
	 * last heartbeat (or from {@code since}, when it has sent none yet).
	 */
	long heartbeatsMissed(Duration interval, Instant since, Instant now) {
		Instant last = lastHeartbeatAt != null ? lastHeartbeatAt : since;
		Duration silence = Duration.between(last, now);
		return silence.isNegative() ? 0 : silence.dividedBy(interval);
	}

	/** Whether the node would be {@code UP} if an operator enabled it now. */
	boolean healthy() {
		return missedChecks < MISSES_BEFORE_DOWN;
	}

	private Change alive(NodeState state, Instant at) {
		missedChecks = 0;
		lastSeenAt = at;
		return state == NodeState.DOWN ? Change.CAME_UP : Change.NONE;
	}

	private void recordError(String reason, Instant at) {
		lastError = truncate(reason.isBlank() ? "No reason given." : reason.strip(), MAX_ERROR_LENGTH);
		lastErrorAt = at;
	}

	private static String truncate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	int missedChecks() {
		return missedChecks;
	}

	@Nullable Instant lastSeenAt() {
		return lastSeenAt;
	}

	@Nullable Instant lastProbeAt() {
		return lastProbeAt;
	}

	@Nullable Instant lastHeartbeatAt() {
		return lastHeartbeatAt;
	}

	@Nullable String lastError() {
		return lastError;
	}

	@Nullable Instant lastErrorAt() {
		return lastErrorAt;
	}

	@Nullable String hypervisor() {
		return hypervisor;
	}

	@Nullable Long hypervisorVersion() {
		return hypervisorVersion;
	}

	@Nullable Long libvirtVersion() {
		return libvirtVersion;
	}

	@Nullable Long freeMemoryMib() {
		return freeMemoryMib;
	}

	@Nullable Long freeDiskGib() {
		return freeDiskGib;
	}

	@Nullable Integer machineCount() {
		return machineCount;
	}
}
