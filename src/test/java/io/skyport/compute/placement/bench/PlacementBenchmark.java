package io.skyport.compute.placement.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.skyport.compute.placement.Demand;
import io.skyport.compute.placement.NodeSnapshot;
import io.skyport.compute.placement.PlacementPolicy;
import io.skyport.compute.placement.Ranking;
import io.skyport.compute.placement.Weigher;

/**
 * The placement decision over 1,000 nodes, in process, as {@code Placements.reserve} makes it on each snapshot:
 * filter every node, keep the best 8 in order. Goal: at least 20,000 decisions per second. {@code fullRanking} sorts
 * every candidate instead, for comparison; {@code scanReference} only reads each node's free RAM once, the floor of
 * any decision, so that ratios against it stay comparable on a busy machine. Run with {@code bench/placement.sh};
 * not part of the test run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PlacementBenchmark {

	private static final int NODES = 1_000;
	private static final int CANDIDATES = 8;

	private List<NodeSnapshot> nodes;
	private Demand[] demands;
	private int next;

	@Setup
	public void setUp() {
		nodes = BenchNodes.fleet(NODES, 2026);
		demands = BenchNodes.demands(1024, 1123).toArray(Demand[]::new);
	}

	@Benchmark
	public Ranking spread() {
		return PlacementPolicy.rank(nodes, nextDemand(), Weigher.SPREAD, CANDIDATES);
	}

	@Benchmark
	public Ranking pack() {
		return PlacementPolicy.rank(nodes, nextDemand(), Weigher.PACK, CANDIDATES);
	}

	@Benchmark
	public Ranking fullRanking() {
		return PlacementPolicy.rank(nodes, nextDemand(), Weigher.SPREAD, NODES);
	}

	@Benchmark
	public long scanReference() {
		long free = 0;
		for (NodeSnapshot node : nodes) {
			free += node.freeMemoryMib();
		}
		return free;
	}

	private Demand nextDemand() {
		next = (next + 1) & (demands.length - 1);
		return demands[next];
	}
}
