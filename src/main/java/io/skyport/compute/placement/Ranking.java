package io.skyport.compute.placement;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The nodes that can take a demand, best first; when there are none, why not, in one sentence naming the region
 * and the constraint that binds.
 */
public record Ranking(List<NodeSnapshot> candidates, @Nullable String shortage) {

	public Ranking {
		candidates = List.copyOf(candidates);
		if (candidates.isEmpty() == (shortage == null)) {
			throw new IllegalArgumentException("A ranking has either candidates or a shortage");
		}
	}

	public boolean isEmpty() {
		return candidates.isEmpty();
	}
}
