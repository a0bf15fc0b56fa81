package io.skyport.compute.placement;

import java.util.Comparator;

/**
 * How a region orders the nodes that can take an instance, best first. Both compare free RAM first (the resource
 * that runs out first with the default overcommit of 4 vCPUs per core and none for RAM), then free vCPUs, then the
 * node name, so a decision is deterministic.
 */
public enum Weigher implements Comparator<NodeSnapshot> {

	/** Most free RAM first: instances spread over the nodes, leaving room on each. */
	SPREAD {
		@Override
		public int compare(NodeSnapshot a, NodeSnapshot b) {
			int byRam = Long.compare(b.freeMemoryMib(), a.freeMemoryMib());
			if (byRam != 0) {
				return byRam;
			}
			int byVcpus = Integer.compare(b.freeVcpus(), a.freeVcpus());
			return byVcpus != 0 ? byVcpus : byName(a, b);
		}
	},

	/** Least free RAM that fits first (best fit): nodes fill up one after the other, leaving whole nodes free. */
	PACK {
		@Override
		public int compare(NodeSnapshot a, NodeSnapshot b) {
			int byRam = Long.compare(a.freeMemoryMib(), b.freeMemoryMib());
			if (byRam != 0) {
				return byRam;
			}
			int byVcpus = Integer.compare(a.freeVcpus(), b.freeVcpus());
			return byVcpus != 0 ? byVcpus : byName(a, b);
		}
	};

	/** The weigher of a region without a {@code compute_regions} row. */
	public static final Weigher DEFAULT = SPREAD;

	private static int byName(NodeSnapshot a, NodeSnapshot b) {
		int byName = a.name().compareTo(b.name());
		return byName != 0 ? byName : a.id().id().compareTo(b.id().id());
	}
}
