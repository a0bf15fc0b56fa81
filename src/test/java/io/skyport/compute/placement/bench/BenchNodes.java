package io.skyport.compute.placement.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.skyport.compute.NodeId;
import io.skyport.compute.placement.Demand;
import io.skyport.compute.placement.NodeSnapshot;
import io.skyport.compute.placement.NodeState;
import io.skyport.compute.placement.Overcommit;
import io.skyport.compute.placement.Resources;

/** Seeded fleets and requests for the placement benchmarks: the same numbers on every run. */
final class BenchNodes {

	static final String REGION = "bench";
	static final Overcommit DEFAULT_OVERCOMMIT = new Overcommit(new BigDecimal("4.0"), BigDecimal.ONE, BigDecimal.ONE);

	private BenchNodes() {
	}

	/**
	 * A busy region: hosts of 16–64 cores, 64–512 GiB RAM and 1–8 TiB disk, 0–90 % used, 2 % down, 1 % draining,
	 * a fifth holding an instance of one of 20 anti-affinity groups.
	 */
	static List<NodeSnapshot> fleet(int count, long seed) {
		Random random = new Random(seed);
		int[] cores = { 16, 24, 32, 48, 64 };
		long[] memoryGib = { 64, 128, 256, 384, 512 };
		List<NodeSnapshot> nodes = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Resources capacity = new Resources(cores[random.nextInt(cores.length)],
					memoryGib[random.nextInt(memoryGib.length)] * 1024, 1024L * (1 + random.nextInt(8)));
			Resources allowed = DEFAULT_OVERCOMMIT.applyTo(capacity);
			double load = random.nextDouble() * 0.9;
			Resources used = new Resources((int) (allowed.vcpus() * load), (long) (allowed.memoryMib() * load),
					(long) (allowed.diskGib() * load));
			int roll = random.nextInt(100);
			NodeState state = roll < 2 ? NodeState.DOWN : roll < 3 ? NodeState.DRAINING : NodeState.UP;
			Set<String> groups = random.nextInt(5) == 0 ? Set.of("group-" + random.nextInt(20)) : Set.of();
			nodes.add(new NodeSnapshot(new NodeId(new UUID(seed, i)), "node-%04d".formatted(i), REGION, state,
					capacity, DEFAULT_OVERCOMMIT, used, groups));
		}
		return nodes;
	}

	/** Instance sizes of 1, 2, 4 or 8 vCPUs, 1–32 GiB RAM and 10–80 GiB disk; one in ten in an anti-affinity group. */
	static List<Demand> demands(int count, long seed) {
		Random random = new Random(seed);
		List<Demand> demands = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			demands.add(new Demand(REGION, size(random), random.nextInt(10) == 0 ? "group-" + random.nextInt(20) : null));
		}
		return demands;
	}

	static Resources size(Random random) {
		int[] vcpus = { 1, 2, 4, 8 };
		long[] disk = { 10, 20, 40, 80 };
		return new Resources(vcpus[random.nextInt(vcpus.length)], 1024L * (1 + random.nextInt(32)),
				disk[random.nextInt(disk.length)]);
	}
}
