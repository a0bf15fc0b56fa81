package io.skyport.compute.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The placement decision, without Spring or a database: filters (region, state {@code UP}, free vCPUs, RAM and disk
 * after overcommit, anti-affinity), then a {@link Weigher} orders what is left. When nothing is left it says why.
 * Stateless and thread-safe.
 */
public final class PlacementPolicy {

	private PlacementPolicy() {
	}

	/**
	 * The nodes that can take {@code demand}, best first according to {@code weigher}, at most {@code limit} of them;
	 * or, if none can, the shortage. Costs one pass over {@code nodes}.
	 */
	public static Ranking rank(List<NodeSnapshot> nodes, Demand demand, Weigher weigher, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be positive: " + limit);
		}
		if (limit > 64) {
			return rankAll(nodes, demand, weigher, limit);
		}
		NodeSnapshot[] best = new NodeSnapshot[Math.min(limit, Math.max(1, nodes.size()))];
		int size = 0;
		for (NodeSnapshot node : nodes) {
			if (!canTake(node, demand)) {
				continue;
			}
			if (size < best.length) {
				size++;
			}
			else if (weigher.compare(node, best[size - 1]) >= 0) {
				continue;
			}
			int at = size - 1;
			while (at > 0 && weigher.compare(node, best[at - 1]) < 0) {
				best[at] = best[at - 1];
				at--;
			}
			best[at] = node;
		}
		if (size == 0) {
			return new Ranking(List.of(), shortage(nodes, demand));
		}
		return new Ranking(Arrays.asList(best).subList(0, size), null);
	}

	/**
	 * Places {@code count} instances of {@code demand} one after the other in memory, each seeing the ones before it
	 * (usage and anti-affinity groups); {@code nodes} are not changed. Stops at the first instance that does not fit:
	 * nothing changes after it, so neither would the rest.
	 */
	public static Simulation simulate(List<NodeSnapshot> nodes, Demand demand, Weigher weigher, int count) {
		List<NodeSnapshot> working = new ArrayList<>(nodes);
		List<NodeSnapshot> chosen = new ArrayList<>(count);
		for (int placed = 0; placed < count; placed++) {
			int index = best(working, demand, weigher);
			if (index < 0) {
				return new Simulation(chosen, count - placed, shortage(working, demand));
			}
			NodeSnapshot node = working.get(index);
			chosen.add(node);
			working.set(index, node.withAllocation(demand.size(), demand.antiAffinityGroup()));
		}
		return new Simulation(chosen, 0, null);
	}

	/** Whether {@code node} passes every filter for {@code demand}. */
	public static boolean canTake(NodeSnapshot node, Demand demand) {
		String group = demand.antiAffinityGroup();
		return node.state() == NodeState.UP && node.hasRoomFor(demand.size()) && node.region().equals(demand.region())
				&& (group == null || !node.antiAffinityGroups().contains(group));
	}

	private static int best(List<NodeSnapshot> nodes, Demand demand, Weigher weigher) {
		int best = -1;
		for (int i = 0; i < nodes.size(); i++) {
			NodeSnapshot node = nodes.get(i);
			if (canTake(node, demand) && (best < 0 || weigher.compare(node, nodes.get(best)) < 0)) {
				best = i;
			}
		}
		return best;
	}

	private static Ranking rankAll(List<NodeSnapshot> nodes, Demand demand, Weigher weigher, int limit) {
		List<NodeSnapshot> all = new ArrayList<>();
		for (NodeSnapshot node : nodes) {
			if (canTake(node, demand)) {
				all.add(node);
			}
		}
		if (all.isEmpty()) {
			return new Ranking(List.of(), shortage(nodes, demand));
		}
		all.sort(weigher);
		return new Ranking(all.subList(0, Math.min(limit, all.size())), null);
	}

	/**
	 * Why no node can take {@code demand}, naming the region and the first constraint that binds, in this order: no
	 * node up; a resource no single node has enough of (RAM, vCPUs, disk); no node with all three at once; the
	 * anti-affinity group.
	 */
	static String shortage(List<NodeSnapshot> nodes, Demand demand) {
		return explainShortage(nodes, demand).message();
	}

	/** A shortage's message and its kind, for {@link PlacementMetrics}. */
	record Shortage(PlacementMetrics.Reason kind, String message) {
	}

	/** {@link #shortage} with the kind of the binding constraint. */
	static Shortage explainShortage(List<NodeSnapshot> nodes, Demand demand) {
		String region = demand.region();
		Resources size = demand.size();
		Map<NodeState, Integer> byState = new EnumMap<>(NodeState.class);
		long mostRam = Long.MIN_VALUE;
		int mostVcpus = Integer.MIN_VALUE;
		long mostDisk = Long.MIN_VALUE;
		int withRoom = 0;
		for (NodeSnapshot node : nodes) {
			if (!node.region().equals(region)) {
				continue;
			}
			byState.merge(node.state(), 1, Integer::sum);
			if (node.state() != NodeState.UP) {
				continue;
			}
			mostRam = Math.max(mostRam, node.freeMemoryMib());
			mostVcpus = Math.max(mostVcpus, node.freeVcpus());
			mostDisk = Math.max(mostDisk, node.freeDiskGib());
			if (node.hasRoomFor(size)) {
				withRoom++;
			}
		}
		String noNode = "No node in region " + region;
		if (byState.isEmpty()) {
			return new Shortage(PlacementMetrics.Reason.NO_NODES, noNode + " is up: the region has no nodes.");
		}
		if (!byState.containsKey(NodeState.UP)) {
			return new Shortage(PlacementMetrics.Reason.NO_NODE_UP, noNode + " is up (" + byState.entrySet().stream()
				.map(entry -> entry.getValue() + " " + entry.getKey().name().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", ")) + ").");
		}
		if (mostRam < size.memoryMib()) {
			return new Shortage(PlacementMetrics.Reason.MEMORY, noNode + " has " + requestedMemory(size.memoryMib())
					+ " RAM free (largest free: " + freeMemory(mostRam) + ").");
		}
		if (mostVcpus < size.vcpus()) {
			return new Shortage(PlacementMetrics.Reason.VCPUS, noNode + " has " + vcpus(size.vcpus())
					+ " free (largest free: " + Math.max(0, mostVcpus) + ").");
		}
		if (mostDisk < size.diskGib()) {
			return new Shortage(PlacementMetrics.Reason.DISK, noNode + " has " + size.diskGib()
					+ " GiB disk free (largest free: " + Math.max(0, mostDisk) + " GiB).");
		}
		if (withRoom == 0) {
			return new Shortage(PlacementMetrics.Reason.COMBINED, noNode + " has " + describe(size)
					+ " free at the same time (each is free on some node, but not together).");
		}
		return new Shortage(PlacementMetrics.Reason.ANTI_AFFINITY, "Every node in region " + region + " with "
				+ describe(size) + " free already holds an instance of anti-affinity group '"
				+ demand.antiAffinityGroup() + "' (" + withRoom + (withRoom == 1 ? " node)." : " nodes)."));
	}

	private static String describe(Resources size) {
		return vcpus(size.vcpus()) + ", " + requestedMemory(size.memoryMib()) + " RAM and " + size.diskGib() + " GiB disk";
	}

	private static String vcpus(int vcpus) {
		return vcpus == 1 ? "1 vCPU" : vcpus + " vCPUs";
	}

	/** A requested amount of RAM: whole GiB as such, otherwise MiB below 1 GiB, else GiB rounded up to a tenth. */
	static String requestedMemory(long mib) {
		return memory(mib, true);
	}

	/** A free amount of RAM: like {@link #requestedMemory(long)} but rounded down, so it never overstates. */
	static String freeMemory(long mib) {
		return memory(Math.max(0, mib), false);
	}

	private static String memory(long mib, boolean roundUp) {
		if (mib % 1024 == 0) {
			return mib / 1024 + " GiB";
		}
		if (mib < 1024) {
			return mib + " MiB";
		}
		long tenths = roundUp ? Math.ceilDiv(mib * 10, 1024) : Math.floorDiv(mib * 10, 1024);
		return tenths / 10 + "." + tenths % 10 + " GiB";
	}
}
