package io.skyport.compute.placement;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A sequence of placements worked out in memory: the node chosen for each instance that fit, in order, how many did
 * not fit, and why the first of those did not.
 */
public record Simulation(List<NodeSnapshot> chosen, int unplaced, @Nullable String shortage) {

	public Simulation {
		chosen = List.copyOf(chosen);
	}
}
