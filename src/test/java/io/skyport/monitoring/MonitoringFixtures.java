package io.skyport.monitoring;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.skyport.accounts.OrganisationId;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceId;
import io.skyport.compute.NewInstance;
import io.skyport.compute.NodeId;

/** A node of its own on libvirt's test hypervisor, and running instances on it. A test-only bean. */
@Component
public class MonitoringFixtures {

	private final JdbcClient jdbc;
	private final ComputeFixtures compute;

	MonitoringFixtures(JdbcClient jdbc, ComputeFixtures compute) {
		this.jdbc = jdbc;
		this.compute = compute;
	}

	/** A node in a region of its own. */
	public record TestNode(NodeId id, String name, String region) {
	}

	public TestNode node() {
		String region = "mon-" + UUID.randomUUID().toString().substring(0, 8);
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into compute_nodes (id, name, uri, region, virt_type, state, vcpus, memory_mib, disk_gib,
				  storage_pool, created_at, updated_at)
				values (?, ?, 'test:///default', ?, 'QEMU', 'UP', 16, 16384, 200, 'default-pool', now(), now())""")
			.params(id, region + "-node", region)
			.update();
		return new TestNode(new NodeId(id), region + "-node", region);
	}

	/** An instance of {@code owner} running on the node. */
	public InstanceDetails running(OrganisationId owner, TestNode node, String name, @Nullable UUID subscriptionId) {
		ImageSummary image = compute.image(1);
		InstanceId id = compute.create(new NewInstance(owner, null, name, null, List.of(), node.region(), 2, 512, 1, null,
				null, image.id(), List.of(), null, null, null, subscriptionId));
		return compute.provision(id);
	}
}
