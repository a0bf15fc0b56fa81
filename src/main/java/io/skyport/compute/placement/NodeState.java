package io.skyport.compute.placement;

/** A node's state as placement sees it: only {@link #UP} nodes take new instances. */
public enum NodeState {
	UP, DOWN, DISABLED, DRAINING
}
