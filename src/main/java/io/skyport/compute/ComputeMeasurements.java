package io.skyport.compute;

import java.util.List;
import java.util.Optional;

/**
 * What monitoring samples, read from the hosts: per node, its own figures and the counters of the instances running
 * on it. Each call goes to one host and returns within the provider's timeouts.
 */
public interface ComputeMeasurements {

	/** The nodes worth measuring: those that are up or draining (a down or disabled node is not asked). */
	List<MeasurableNode> measurableNodes();

	/** A node in any state, by ID; empty if there is none. */
	Optional<MeasurableNode> findNode(NodeId nodeId);

	/**
	 * Reads one node: its capacity and free memory and pool space, and the counters of every instance Skyport has
	 * running there.
	 *
	 * @throws ComputeUnavailableException the host could not be reached, did not answer in time, or the node is gone.
	 */
	NodeMeasurement measure(NodeId nodeId);

	/** A node to measure, with what labels its series. */
	record MeasurableNode(NodeId id, String name, String region) {
	}
}
