package io.skyport.compute.placement;

import org.jspecify.annotations.Nullable;

/**
 * A region as operators see it: its weigher, its nodes, and totals. {@code capacity} is after overcommit, over all
 * nodes; {@code used} is what placement reserved; {@code free} counts only nodes that are up (what new instances can
 * get).
 */
record RegionView(String name, Weigher weigher, @Nullable String description, int nodes, int nodesUp,
		Resources capacity, Resources used, Resources free) {
}
