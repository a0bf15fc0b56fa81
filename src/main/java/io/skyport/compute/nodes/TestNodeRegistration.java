package io.skyport.compute.nodes;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.compute.provider.NetworkAttachment;
import io.skyport.compute.provider.ProviderAvailability;
import io.skyport.compute.provider.VirtType;
import io.skyport.platform.errors.ConflictException;

/**
 * With no nodes at all and {@code skyport.compute.register-test-node=true} (the default), registers {@code local-test}
 * on libvirt's built-in test hypervisor, so a new installation can create instances at once. Runs before the demo
 * data. Production sets the property to {@code false}.
 */
@Component
@Order(5)
class TestNodeRegistration implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(TestNodeRegistration.class);

	static final String NAME = "local-test";
	static final String URI = "test:///default";
	static final String REGION = "local";
	/** The storage pool libvirt's test driver defines ({@code virsh -c test:///default pool-list}). */
	static final String POOL = "default-pool";

	private final NodeService service;
	private final Nodes nodes;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private final boolean enabled;

	TestNodeRegistration(NodeService service, Nodes nodes, TransactionTemplate transactions, Clock clock,
			@Value("${skyport.compute.register-test-node:true}") boolean enabled) {
		this.clock = clock;
		this.service = service;
		this.nodes = nodes;
		this.transactions = transactions;
		this.enabled = enabled;
	}

	@Override
	public void run(ApplicationArguments args) {
		ProviderAvailability availability = service.availability();
		if (!availability.available()) {
			log.warn("Compute is unavailable: {} Skyport runs without it: instances cannot be created until it is "
					+ "fixed (see the admin page Compute nodes).", HostProbe.reason(availability));
		}
		if (!enabled || Boolean.TRUE.equals(transactions.execute(status -> nodes.count() > 0))) {
			return;
		}
		NodeSettings settings = new NodeSettings(NAME, URI, REGION, VirtType.QEMU, null, NodeRules.DEFAULT_CPU_RATIO,
				NodeRules.DEFAULT_RAM_RATIO, NodeRules.DEFAULT_DISK_RATIO, NetworkAttachment.user(), POOL, null,
				true);
		ComputeNode node;
		try {
			node = service.register(new ComputeNode(settings, clock.instant()));
		}
		catch (ConflictException ex) {
			log.info("Another Skyport server registered the test node {} at the same time", NAME);
			return;
		}
		log.info("Registered the compute node {} on libvirt's test hypervisor ({}, region {}): {}, {} vCPUs, {} MiB, "
				+ "{} GiB. Set skyport.compute.register-test-node=false in production.", node.name(), URI, REGION,
				node.state(), node.vcpus(), node.memoryMib(), node.diskGib());
	}
}
