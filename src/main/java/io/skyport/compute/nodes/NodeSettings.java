package io.skyport.compute.nodes;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import io.skyport.compute.provider.NetworkAttachment;
import io.skyport.compute.provider.VirtType;

/**
 * The validated, operator-editable fields of a node.
 *
 * @param capacity the operator's capacity, overriding what libvirt reports; {@code null} to use libvirt's.
 * @param datasourceBaseUrl where this node's guests reach Skyport, overriding the default; {@code null} for it.
 * @param simulateGuest whether Skyport plays cloud-init for the machines that start on this node.
 */
record NodeSettings(String name, String uri, String region, VirtType virtType, @Nullable Capacity capacity,
		BigDecimal cpuRatio, BigDecimal ramRatio, BigDecimal diskRatio, NetworkAttachment network, String storagePool,
		@Nullable String datasourceBaseUrl, boolean simulateGuest) {

	/** vCPUs, RAM and disk of a host before overcommit. */
	record Capacity(int vcpus, long memoryMib, long diskGib) {
	}
}
