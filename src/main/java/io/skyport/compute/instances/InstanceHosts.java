package io.skyport.compute.instances;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.skyport.compute.ComputeRefusedException;
import io.skyport.compute.ComputeUnavailableException;
import io.skyport.compute.NodeId;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.compute.nodes.NodeState;
import io.skyport.compute.nodes.NodeSummary;
import io.skyport.compute.provider.ComputeProvider;
import io.skyport.compute.provider.MachineNotFoundException;
import io.skyport.compute.provider.ProviderFailureException;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.compute.provider.ProviderUnavailableException;

/**
 * Calls the provider on an instance's node and turns the provider's failures into the module's public ones, so that
 * no {@code compute.provider} exception leaves the module: unreachable host or node down/gone →
 * {@link ComputeUnavailableException}; refusal or missing machine → {@link ComputeRefusedException}.
 */
@Component
class InstanceHosts {

	private static final Logger log = LoggerFactory.getLogger(InstanceHosts.class);
	private static final Duration NODE_DOWN_RETRY = Duration.ofSeconds(30);

	private final NodeDirectory nodes;
	private final ComputeProvider provider;

	InstanceHosts(NodeDirectory nodes, ComputeProvider provider) {
		this.nodes = nodes;
		this.provider = provider;
	}

	/**
	 * Runs {@code call} against the instance's node; {@code what} says what was being done ("define the machine").
	 *
	 * @throws ComputeUnavailableException the node is down, gone or did not answer.
	 * @throws ComputeRefusedException the host refused, or the machine is missing on it.
	 */
	<T> T call(Instance instance, String what, BiFunction<ComputeProvider, ProviderTarget, T> call) {
		NodeId nodeId = instance.nodeId();
		if (nodeId == null) {
			throw new ComputeRefusedException("The instance " + instance.name() + " has not been placed on a node.");
		}
		NodeSummary node = nodes.find(nodeId).orElse(null);
		if (node == null) {
			throw new ComputeUnavailableException("Could not " + what + " for instance " + instance.name()
					+ ": its node no longer exists.", true, null, null);
		}
		if (node.state() == NodeState.DOWN) {
			throw new ComputeUnavailableException("Could not " + what + " for instance " + instance.name()
					+ ": its node " + node.name() + " is down.", true, NODE_DOWN_RETRY, null);
		}
		try {
			return call.apply(provider, nodes.target(nodeId));
		}
		catch (ProviderUnavailableException ex) {
			boolean down = nodes.find(nodeId).map(n -> n.state() == NodeState.DOWN).orElse(true);
			throw new ComputeUnavailableException("Could not " + what + " for instance " + instance.name()
					+ ": " + ex.getMessage(), down, null, ex);
		}
		catch (MachineNotFoundException ex) {
			log.warn("The machine {} of instance {} is missing on its host", instance.machineName(), instance.id());
			throw new ComputeRefusedException("Could not " + what + " for instance " + instance.name()
					+ ": its machine is missing on node " + node.name() + ".", ex);
		}
		catch (ProviderFailureException ex) {
			throw new ComputeRefusedException("Could not " + what + " for instance " + instance.name()
					+ ": the host refused: " + ex.getMessage(), ex);
		}
	}

	/** Whether the instance's node exists and is not down (what {@code relocate} needs it not to be). */
	boolean nodeAvailable(Instance instance) {
		NodeId nodeId = instance.nodeId();
		return nodeId != null && nodes.find(nodeId).map(node -> node.state() != NodeState.DOWN
				&& node.state() != NodeState.DISABLED).orElse(false);
	}

	void run(Instance instance, String what, BiConsumer<ComputeProvider, ProviderTarget> call) {
		call(instance, what, (p, target) -> {
			call.accept(p, target);
			return null;
		});
	}

	/**
	 * Removes the instance's machine, root volume and data volume from its node; what is missing already is not an
	 * error. Does nothing for an instance without a node or whose node no longer exists.
	 *
	 * @throws ComputeUnavailableException the node is down or did not answer.
	 */
	void removeMachine(Instance instance) {
		NodeId nodeId = instance.nodeId();
		if (nodeId == null || nodes.find(nodeId).isEmpty()) {
			return;
		}
		run(instance, "remove the machine", (p, target) -> {
			ignoreMissing(() -> p.destroyMachine(target, instance.machineName()));
			ignoreMissing(() -> p.deleteVolume(target, Volume.dataVolumeName(instance.machineName())));
		});
	}

	private static void ignoreMissing(Runnable call) {
		try {
			call.run();
		}
		catch (MachineNotFoundException ex) {
			// already gone
		}
	}
}
