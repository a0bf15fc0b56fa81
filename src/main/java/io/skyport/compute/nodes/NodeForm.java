package io.skyport.compute.nodes;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A node as an operator submits it (API body or form), before validation. Leave {@code vcpus}, {@code memoryMib}
 * and {@code diskGib} empty to use what libvirt reports; ratios default to CPU 4.0, RAM 1.0, disk 1.0;
 * {@code simulateGuest} defaults to on for {@code test:///} URIs and off for every other.
 */
record NodeForm(@Nullable String name, @Nullable String uri, @Nullable String region, @Nullable String virtType,
		@Nullable Integer vcpus, @Nullable Long memoryMib, @Nullable Long diskGib, @Nullable BigDecimal cpuRatio,
		@Nullable BigDecimal ramRatio, @Nullable BigDecimal diskRatio, @Nullable String networkMode,
		@Nullable String networkSource, @Nullable String storagePool, @Nullable String datasourceBaseUrl,
		@Nullable Boolean simulateGuest) {

	static NodeForm blank() {
		return new NodeForm(null, null, null, "KVM", null, null, null, NodeRules.DEFAULT_CPU_RATIO,
				NodeRules.DEFAULT_RAM_RATIO, NodeRules.DEFAULT_DISK_RATIO, "USER", null, NodeRules.DEFAULT_POOL, null, null);
	}
}
