package io.skyport.compute.libvirt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.skyport.compute.provider.NetworkAttachment;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.compute.provider.VirtType;

/**
 * libvirt's test driver ({@code test:///default}) for the adapter's tests: in-process, no daemon. It starts with one
 * running domain named {@code test} and a pool {@code default-pool}. Its state lives as long as a connection to it is
 * open and is shared by all connections of the process (a new process starts afresh, which is why each {@code virsh}
 * run sees a clean hypervisor), so tests give their machines and volumes unique names and never use {@code test}.
 */
final class TestHypervisor {

	static final String URI = "test:///default";

	static final String POOL = "default-pool";

	private TestHypervisor() {
	}

	/** A node of its own on the test driver. */
	static ProviderTarget node() {
		return node(URI);
	}

	static ProviderTarget node(String uri) {
		UUID id = UUID.randomUUID();
		return new ProviderTarget(id, "node-" + id.toString().substring(0, 8), uri, VirtType.QEMU,
				NetworkAttachment.user(), POOL);
	}

	/** The defaults with short timeouts, so a test about a dead host fails fast. */
	static LibvirtProperties properties(Path consoleLogDir) {
		return properties(consoleLogDir, Duration.ofSeconds(2), Duration.ofSeconds(5));
	}

	static LibvirtProperties properties(Path consoleLogDir, Duration connectTimeout, Duration callTimeout) {
		LibvirtProperties defaults = LibvirtProperties.defaults();
		return new LibvirtProperties(connectTimeout, callTimeout, Duration.ofSeconds(30),
				defaults.maxCallsPerNode(), defaults.maxQueuedCallsPerNode(), Duration.ofSeconds(1), Duration.ofSeconds(8),
				defaults.keepaliveInterval(), defaults.keepaliveCount(), consoleLogDir, Map.of());
	}
}
