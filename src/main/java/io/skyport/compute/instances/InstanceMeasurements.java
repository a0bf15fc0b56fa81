package io.skyport.compute.instances;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.compute.ComputeMeasurements;
import io.skyport.compute.ComputeUnavailableException;
import io.skyport.compute.InstanceCounters;
import io.skyport.compute.InstanceState;
import io.skyport.compute.NodeId;
import io.skyport.compute.NodeMeasurement;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.compute.nodes.NodeSummary;
import io.skyport.compute.provider.ComputeProvider;
import io.skyport.compute.provider.HostReport;
import io.skyport.compute.provider.MachineCounters;
import io.skyport.compute.provider.ProviderFailureException;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.compute.provider.ProviderUnavailableException;

/** Reads nodes and their running instances for monitoring: the host's probe figures and one counters call per node. */
@Service
class InstanceMeasurements implements ComputeMeasurements {

	private static final long MIB = 1024L * 1024;
	private static final long GIB = 1024L * MIB;

	private final NodeDirectory nodes;
	private final Instances instances;
	private final ComputeProvider provider;
	private final TransactionTemplate readOnly;

	InstanceMeasurements(NodeDirectory nodes, Instances instances, ComputeProvider provider,
			PlatformTransactionManager transactions) {
		this.nodes = nodes;
		this.instances = instances;
		this.provider = provider;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	@Override
	public List<MeasurableNode> measurableNodes() {
		if (!provider.availability().available()) {
			return List.of();
		}
		return nodes.measurable().stream().map(node -> new MeasurableNode(node.id(), node.name(), node.region())).toList();
	}

	@Override
	public Optional<MeasurableNode> findNode(NodeId nodeId) {
		return nodes.find(nodeId).map(node -> new MeasurableNode(node.id(), node.name(), node.region()));
	}

	@Override
	public NodeMeasurement measure(NodeId nodeId) {
		NodeSummary node = nodes.find(nodeId)
			.orElseThrow(() -> new ComputeUnavailableException("The node " + nodeId + " no longer exists.", true, null,
					null));
		List<Instance> running = readOnly.execute(status -> instances.findLiveOnNode(nodeId.id())
			.stream()
			.filter(instance -> instance.state() == InstanceState.RUNNING)
			.toList());
		Map<String, Instance> byMachine = new HashMap<>();
		running.forEach(instance -> byMachine.put(instance.machineName(), instance));
		ProviderTarget target = nodes.target(nodeId);
		try {
			HostReport host = provider.probe(target);
			List<MachineCounters> counters = byMachine.isEmpty() ? List.of()
					: provider.machineCounters(target, byMachine.keySet());
			List<InstanceCounters> read = counters.stream().map(machine -> {
				Instance instance = byMachine.get(machine.machineName());
				return new InstanceCounters(instance.id(), instance.name(), instance.organisationId(),
						instance.subscriptionId(), instance.vcpus(), Long.toString(machine.run()),
						machine.cpuTimeNanos(), machine.memoryUsedBytes(), machine.memoryAvailableBytes(),
						machine.networkRxBytes(), machine.networkTxBytes(), machine.diskReadBytes(),
						machine.diskWriteBytes(), machine.diskReadOps(), machine.diskWriteOps());
			}).toList();
			return new NodeMeasurement(nodeId, node.name(), node.region(), host.cpus(), host.memoryMib() * MIB,
					host.freeMemoryMib() * MIB, host.diskGib() * GIB, host.freeDiskGib() * GIB, host.machineCount(),
					read);
		}
		catch (ProviderUnavailableException | ProviderFailureException ex) {
			throw new ComputeUnavailableException("Could not measure node " + node.name() + ": " + ex.getMessage(),
					true, null, ex);
		}
	}
}
