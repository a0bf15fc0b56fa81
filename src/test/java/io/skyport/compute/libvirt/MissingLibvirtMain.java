package io.skyport.compute.libvirt;

import java.time.Duration;
import java.util.UUID;

import io.skyport.compute.provider.MachineSpec;
import io.skyport.compute.provider.ProviderTarget;

/**
 * Run by {@link MissingLibvirtTests} in a JVM that cannot find the native libvirt library: builds the adapter as
 * Spring would and prints what it reports and what its calls throw.
 */
public final class MissingLibvirtMain {

	private MissingLibvirtMain() {
	}

	public static void main(String[] args) {
		NodeConnections connections = new NodeConnections(LibvirtProperties.defaults());
		LibvirtComputeProvider provider = new LibvirtComputeProvider(connections);
		System.out.println("available=" + provider.availability().available());
		System.out.println("reason=" + provider.availability().reason());
		ProviderTarget node = TestHypervisor.node();
		for (int i = 0; i < 2; i++) {
			report("probe", () -> provider.probe(node));
		}
		report("create", () -> provider.createMachine(node,
				new MachineSpec("sk-1", UUID.randomUUID(), 1, 256, "img", 10, "ds=nocloud-net;s=http://h/")));
		report("stop", () -> provider.stopMachine(node, "sk-1", Duration.ofSeconds(1)));
		connections.close();
	}

	private static void report(String what, Runnable call) {
		try {
			call.run();
			System.out.println(what + "=ok");
		}
		catch (Throwable e) {
			System.out.println(what + "=" + e.getClass().getSimpleName() + ": " + e.getMessage());
		}
	}
}
