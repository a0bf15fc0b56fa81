package io.skyport.compute.nodes;

/**
 * A node's state. {@code UP} and {@code DOWN} follow its health (probes and heartbeats); {@code DISABLED} and
 * {@code DRAINING} are set by operators and never changed by health. Placement uses {@code UP} nodes only.
 */
public enum NodeState {

	/** Answers and takes new instances. */
	UP,
	/** Missed three probes or heartbeats in a row; takes no new instances until it answers again. */
	DOWN,
	/** Taken out of service by an operator: not probed, takes no new instances. */
	DISABLED,
	/** Being emptied by an operator: still probed, keeps its instances, takes no new ones. */
	DRAINING
}
