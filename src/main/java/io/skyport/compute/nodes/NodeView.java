package io.skyport.compute.nodes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.compute.provider.NetworkAttachment;
import io.skyport.compute.provider.VirtType;

/**
 * A node as operators see it (API and pages): settings, capacity before and after overcommit, what placement has
 * reserved, and health.
 *
 * @param datasourceBaseUrl this node's override of the address guests reach Skyport at; {@code null} when it uses
 *        the default.
 * @param simulateGuest whether Skyport plays cloud-init for machines that start here (see {@code docs/compute-nodes.md}).
 * @param allocatableVcpus capacity times overcommit ratio, rounded down: what placement may reserve in total.
 * @param missedChecks probes or heartbeats missed in a row (3 take an {@code UP} node {@code DOWN}).
 * @param hypervisorVersion and {@code libvirtVersion} as {@code major.minor.release}.
 */
record NodeView(UUID id, String name, String uri, String region, NodeState state, VirtType virtType,
		NetworkAttachment.Mode networkMode, @Nullable String networkSource, String storagePool,
		@Nullable String datasourceBaseUrl, boolean simulateGuest, int vcpus, long memoryMib, long diskGib, boolean capacityOverridden,
		BigDecimal cpuRatio, BigDecimal ramRatio, BigDecimal diskRatio, long allocatableVcpus,
		long allocatableMemoryMib, long allocatableDiskGib, int usedVcpus, long usedMemoryMib, long usedDiskGib,
		int missedChecks, @Nullable Instant lastSeenAt, @Nullable Instant lastProbeAt, @Nullable Instant lastHeartbeatAt,
		@Nullable String lastError, @Nullable Instant lastErrorAt, @Nullable String hypervisor,
		@Nullable String hypervisorVersion, @Nullable String libvirtVersion, @Nullable Long freeMemoryMib,
		@Nullable Long freeDiskGib, @Nullable Integer machineCount, boolean enrolled,
		@Nullable Integer heartbeatIntervalSeconds, Instant createdAt, Instant updatedAt) {

	static NodeView of(ComputeNode node) {
		NodeHealth health = node.health();
		return new NodeView(node.id(), node.name(), node.uri(), node.region(), node.state(), node.virtType(),
				node.network().mode(), node.network().source(), node.storagePool(), node.datasourceBaseUrl(),
				node.simulateGuest(),
				node.vcpus(), node.memoryMib(), node.diskGib(), node.capacityOverridden(), node.cpuRatio(),
				node.ramRatio(), node.diskRatio(), times(node.vcpus(), node.cpuRatio()),
				times(node.memoryMib(), node.ramRatio()), times(node.diskGib(), node.diskRatio()), node.usedVcpus(),
				node.usedMemoryMib(), node.usedDiskGib(), health.missedChecks(), health.lastSeenAt(),
				health.lastProbeAt(), health.lastHeartbeatAt(), health.lastError(), health.lastErrorAt(),
				health.hypervisor(), version(health.hypervisorVersion()), version(health.libvirtVersion()),
				health.freeMemoryMib(), health.freeDiskGib(), health.machineCount(), node.enrolled(),
				node.heartbeatIntervalSeconds(), node.createdAt(), node.updatedAt());
	}

	/** Whether the last error is newer than the last sign of life, i.e. still the node's problem. */
	public boolean failing() {
		return lastErrorAt != null && (lastSeenAt == null || lastErrorAt.isAfter(lastSeenAt));
	}

	/** The form that edits this node, filled with its settings. */
	NodeForm form() {
		return new NodeForm(name, uri, region, virtType.name(), capacityOverridden ? vcpus : null,
				capacityOverridden ? memoryMib : null, capacityOverridden ? diskGib : null, cpuRatio, ramRatio, diskRatio,
				networkMode.name(), networkSource, storagePool, datasourceBaseUrl, simulateGuest);
	}

	private static long times(long amount, BigDecimal ratio) {
		return BigDecimal.valueOf(amount).multiply(ratio).setScale(0, RoundingMode.FLOOR).longValueExact();
	}

	/** libvirt encodes versions as major * 1,000,000 + minor * 1,000 + release. */
	static @Nullable String version(@Nullable Long encoded) {
		if (encoded == null || encoded < 0) {
			return null;
		}
		return (encoded / 1_000_000) + "." + (encoded / 1_000 % 1_000) + "." + (encoded % 1_000);
	}
}
