package io.skyport.compute.placement.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.skyport.compute.NodeId;
import io.skyport.compute.placement.Demand;
import io.skyport.compute.placement.NodeSnapshot;
import io.skyport.compute.placement.NodeState;
import io.skyport.compute.placement.PlacementPolicy;
import io.skyport.compute.placement.Ranking;
import io.skyport.compute.placement.Resources;
import io.skyport.compute.placement.Weigher;

/**
 * Packing quality on a fixed workload: 2,000 instances of 1/2/4/8 vCPUs, 1–32 GiB RAM and 10–80 GiB disk (seeded),
 * placed onto identical empty nodes (32 cores at 4× overcommit, 256 GiB, 4 TiB) by the PACK weigher in arrival
 * order, as Skyport receives them, and by first-fit-decreasing, which sees the whole workload in advance and sorts it
 * (largest RAM first). Prints the nodes each uses and the lower bound. Run by {@code bench/placement.sh}.
 */
public final class PackingQuality {

	static final int REQUESTS = 2_000;
	static final Resources NODE = new Resources(32, 256 * 1024, 4 * 1024);

	private PackingQuality() {
	}

	public static void main(String[] args) {
		long seed = args.length > 0 ? Long.parseLong(args[0]) : 2026;
		List<Demand> workload = workload(seed);
		int pool = REQUESTS;
		int pack = nodesUsed(placeWithPolicy(workload, Weigher.PACK, pool));
		int ffd = nodesUsed(firstFitDecreasing(workload, largestFirst(), pool));
		int ffdDominant = nodesUsed(firstFitDecreasing(workload, largestShareFirst(), pool));
		List<Demand> sorted = new ArrayList<>(workload);
		sorted.sort(largestFirst());
		int packSorted = nodesUsed(placeWithPolicy(sorted, Weigher.PACK, pool));
		System.out.printf("Workload: %d instances (seed %d), nodes of %d vCPUs (after overcommit), %d GiB RAM, %d GiB disk%n",
				REQUESTS, seed, BenchNodes.DEFAULT_OVERCOMMIT.applyTo(NODE).vcpus(), NODE.memoryMib() / 1024,
				NODE.diskGib());
		System.out.printf("Lower bound (total / node, per resource): %d nodes%n", lowerBound(workload));
		System.out.printf("PACK, arrival order:             %d nodes%n", pack);
		System.out.printf("FFD by RAM (offline):            %d nodes%n", ffd);
		System.out.printf("FFD by largest share of a node:  %d nodes%n", ffdDominant);
		System.out.printf("PACK, same sorted order as FFD:  %d nodes%n", packSorted);
		System.out.printf("PACK %s FFD%n", pack <= Math.min(ffd, ffdDominant) ? "<=" : ">");
	}

	static List<Demand> workload(long seed) {
		Random random = new Random(seed);
		List<Demand> workload = new ArrayList<>(REQUESTS);
		for (int i = 0; i < REQUESTS; i++) {
			workload.add(new Demand(BenchNodes.REGION, BenchNodes.size(random), null));
		}
		return workload;
	}

	/** Places each demand in turn on the policy's first choice, as a stream of reservations would. */
	static List<NodeSnapshot> placeWithPolicy(List<Demand> workload, Weigher weigher, int pool) {
		List<NodeSnapshot> nodes = emptyNodes(pool);
		for (Demand demand : workload) {
			Ranking ranking = PlacementPolicy.rank(nodes, demand, weigher, 1);
			if (ranking.isEmpty()) {
				throw new IllegalStateException("The pool is too small: " + ranking.shortage());
			}
			NodeSnapshot chosen = ranking.candidates().getFirst();
			nodes.set(nodes.indexOf(chosen), chosen.withAllocation(demand.size(), null));
		}
		return nodes;
	}

	/** Sorts the whole workload largest first and puts each demand on the first node it fits. */
	static List<NodeSnapshot> firstFitDecreasing(List<Demand> workload, Comparator<Demand> largestFirst, int pool) {
		List<Demand> sorted = new ArrayList<>(workload);
		sorted.sort(largestFirst);
		List<NodeSnapshot> nodes = emptyNodes(pool);
		for (Demand demand : sorted) {
			int first = 0;
			while (!PlacementPolicy.canTake(nodes.get(first), demand)) {
				first++;
			}
			nodes.set(first, nodes.get(first).withAllocation(demand.size(), null));
		}
		return nodes;
	}

	static int nodesUsed(List<NodeSnapshot> nodes) {
		return (int) nodes.stream().filter(node -> !node.used().equals(Resources.NONE)).count();
	}

	static int lowerBound(List<Demand> workload) {
		Resources allowed = BenchNodes.DEFAULT_OVERCOMMIT.applyTo(NODE);
		Resources total = workload.stream().map(Demand::size).reduce(Resources.NONE, Resources::plus);
		return (int) Math.max(Math.ceilDiv(total.vcpus(), allowed.vcpus()), Math.max(
				Math.ceilDiv(total.memoryMib(), allowed.memoryMib()), Math.ceilDiv(total.diskGib(), allowed.diskGib())));
	}

	/** By the largest fraction of a node it takes in any resource (its dominant share), largest first. */
	private static Comparator<Demand> largestShareFirst() {
		Resources allowed = BenchNodes.DEFAULT_OVERCOMMIT.applyTo(NODE);
		return Comparator.comparingDouble((Demand demand) -> Math.max(
				(double) demand.size().vcpus() / allowed.vcpus(), Math.max(
						(double) demand.size().memoryMib() / allowed.memoryMib(),
						(double) demand.size().diskGib() / allowed.diskGib())))
			.reversed();
	}

	/** By RAM, the resource that binds here, then vCPUs, then disk; largest first. */
	private static Comparator<Demand> largestFirst() {
		return Comparator.comparingLong((Demand demand) -> demand.size().memoryMib())
			.thenComparingInt(demand -> demand.size().vcpus())
			.thenComparingLong(demand -> demand.size().diskGib())
			.reversed();
	}

	private static List<NodeSnapshot> emptyNodes(int count) {
		List<NodeSnapshot> nodes = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			nodes.add(new NodeSnapshot(new NodeId(new java.util.UUID(0, i)), "node-%04d".formatted(i), BenchNodes.REGION,
					NodeState.UP, NODE, BenchNodes.DEFAULT_OVERCOMMIT, Resources.NONE, java.util.Set.of()));
		}
		return nodes;
	}
}
