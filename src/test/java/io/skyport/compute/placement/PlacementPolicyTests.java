package io.skyport.compute.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.skyport.compute.NodeId;

/**
 * The pure placement decision: filters, both weighers, anti-affinity, and the explanations when nothing fits.
 */
class PlacementPolicyTests {

	private static final Resources SMALL = new Resources(1, 1024, 10);

	@Test
	void only_up_nodes_of_the_region_with_room_in_every_resource_are_candidates() {
		List<NodeSnapshot> nodes = List.of(
				node("a-fits", "local", NodeState.UP, 8, 8192, 100),
				node("b-other-region", "eu-1", NodeState.UP, 8, 8192, 100),
				node("c-down", "local", NodeState.DOWN, 8, 8192, 100),
				node("d-disabled", "local", NodeState.DISABLED, 8, 8192, 100),
				node("e-draining", "local", NodeState.DRAINING, 8, 8192, 100),
				node("f-no-ram", "local", NodeState.UP, 8, 1024, 100),
				node("g-no-disk", "local", NodeState.UP, 8, 8192, 5),
				node("h-no-cpu", "local", NodeState.UP, 0, 8192, 100));

		Ranking ranking = PlacementPolicy.rank(nodes, new Demand("local", new Resources(2, 2048, 20), null),
				Weigher.SPREAD, 10);

		assertThat(names(ranking)).containsExactly("a-fits");
	}

	@Test
	void free_room_is_capacity_times_ratio_rounded_down_minus_what_is_used() {
		Overcommit ratios = new Overcommit(new BigDecimal("1.50"), new BigDecimal("1.10"), new BigDecimal("0.50"));
		NodeSnapshot node = new NodeSnapshot(new NodeId(UUID.randomUUID()), "n", "local", NodeState.UP,
				new Resources(3, 1000, 15), ratios, new Resources(1, 100, 2), Set.of());

		assertThat(node.allowed()).isEqualTo(new Resources(4, 1100, 7));
		assertThat(node.free()).isEqualTo(new Resources(3, 1000, 5));
		Demand exactFit = new Demand("local", new Resources(3, 1000, 5), null);
		Demand oneMore = new Demand("local", new Resources(3, 1001, 5), null);
		assertThat(PlacementPolicy.canTake(node, exactFit)).isTrue();
		assertThat(PlacementPolicy.canTake(node, oneMore)).isFalse();
	}

	@Test
	void a_ratio_with_two_decimals_is_applied_exactly() {
		Overcommit ratios = new Overcommit(new BigDecimal("0.29"), new BigDecimal("0.29"), BigDecimal.ONE);
		assertThat(ratios.applyTo(new Resources(100, 100, 1))).isEqualTo(new Resources(29, 29, 1));
	}

	@Test
	void spread_prefers_the_most_free_ram_then_free_vcpus_then_the_name() {
		List<NodeSnapshot> nodes = List.of(
				node("small", "local", NodeState.UP, 8, 4096, 100),
				node("big-b", "local", NodeState.UP, 8, 16384, 100),
				node("big-a", "local", NodeState.UP, 8, 16384, 100),
				node("big-more-cpu", "local", NodeState.UP, 16, 16384, 100),
				node("medium", "local", NodeState.UP, 8, 8192, 100));

		Ranking ranking = PlacementPolicy.rank(nodes, new Demand("local", SMALL, null), Weigher.SPREAD, 10);

		assertThat(names(ranking)).containsExactly("big-more-cpu", "big-a", "big-b", "medium", "small");
	}

	@Test
	void pack_prefers_the_least_free_ram_that_fits_then_fewer_free_vcpus_then_the_name() {
		List<NodeSnapshot> nodes = List.of(
				node("too-small", "local", NodeState.UP, 8, 1024, 100),
				node("big", "local", NodeState.UP, 8, 16384, 100),
				node("tight-b", "local", NodeState.UP, 8, 2048, 100),
				node("tight-a", "local", NodeState.UP, 8, 2048, 100),
				node("tight-fewer-cpus", "local", NodeState.UP, 4, 2048, 100));

		Ranking ranking = PlacementPolicy.rank(nodes, new Demand("local", new Resources(1, 2048, 10), null),
				Weigher.PACK, 10);

		assertThat(names(ranking)).containsExactly("tight-fewer-cpus", "tight-a", "tight-b", "big");
	}

	@Test
	void the_ranking_is_cut_at_the_limit_and_equals_a_full_sort() {
		List<NodeSnapshot> nodes = new java.util.ArrayList<>();
		java.util.Random random = new java.util.Random(7);
		for (int i = 0; i < 300; i++) {
			nodes.add(node("n" + i, "local", NodeState.UP, 1 + random.nextInt(32), 1024L * (1 + random.nextInt(64)),
					100));
		}
		Demand demand = new Demand("local", new Resources(2, 4096, 10), null);
		for (Weigher weigher : Weigher.values()) {
			List<NodeSnapshot> sorted = nodes.stream().filter(node -> PlacementPolicy.canTake(node, demand))
				.sorted(weigher).toList();
			assertThat(PlacementPolicy.rank(nodes, demand, weigher, 8).candidates()).isEqualTo(sorted.subList(0, 8));
			assertThat(PlacementPolicy.rank(nodes, demand, weigher, 1000).candidates()).isEqualTo(sorted);
		}
	}

	@Test
	void anti_affinity_skips_nodes_that_hold_an_instance_of_the_group() {
		NodeSnapshot holding = node("a-holds-db", "local", NodeState.UP, 8, 16384, 100).withAllocation(SMALL, "db");
		NodeSnapshot other = node("b-holds-web", "local", NodeState.UP, 8, 8192, 100).withAllocation(SMALL, "web");

		Ranking ranking = PlacementPolicy.rank(List.of(holding, other), new Demand("local", SMALL, "db"),
				Weigher.SPREAD, 10);

		assertThat(names(ranking)).containsExactly("b-holds-web");
		assertThat(names(PlacementPolicy.rank(List.of(holding, other), new Demand("local", SMALL, null),
				Weigher.SPREAD, 10))).containsExactly("a-holds-db", "b-holds-web");
	}

	@Test
	void a_simulation_sees_its_own_earlier_placements() {
		List<NodeSnapshot> nodes = List.of(node("a", "local", NodeState.UP, 8, 4096, 100),
				node("b", "local", NodeState.UP, 8, 4096, 100));
		Demand demand = new Demand("local", new Resources(1, 2048, 10), null);

		Simulation spread = PlacementPolicy.simulate(nodes, demand, Weigher.SPREAD, 5);
		Simulation pack = PlacementPolicy.simulate(nodes, demand, Weigher.PACK, 3);

		assertThat(spread.chosen()).extracting(NodeSnapshot::name).containsExactly("a", "b", "a", "b");
		assertThat(spread.unplaced()).isEqualTo(1);
		assertThat(spread.shortage()).isEqualTo("No node in region local has 2 GiB RAM free (largest free: 0 GiB).");
		assertThat(pack.chosen()).extracting(NodeSnapshot::name).containsExactly("a", "a", "b");
		assertThat(pack.unplaced()).isZero();
		assertThat(pack.shortage()).isNull();
		assertThat(nodes.getFirst().used()).isEqualTo(Resources.NONE);
	}

	@Test
	void a_simulation_with_an_anti_affinity_group_uses_each_node_once() {
		List<NodeSnapshot> nodes = List.of(node("a", "local", NodeState.UP, 8, 65536, 100),
				node("b", "local", NodeState.UP, 8, 65536, 100), node("c", "local", NodeState.UP, 8, 65536, 100));

		Simulation simulation = PlacementPolicy.simulate(nodes, new Demand("local", SMALL, "db"), Weigher.PACK, 4);

		assertThat(simulation.chosen()).extracting(NodeSnapshot::name).containsExactly("a", "b", "c");
		assertThat(simulation.unplaced()).isEqualTo(1);
		assertThat(simulation.shortage()).isEqualTo("Every node in region local with 1 vCPU, 1 GiB RAM and 10 GiB disk "
				+ "free already holds an instance of anti-affinity group 'db' (3 nodes).");
	}

	@Test
	void the_explanation_names_the_ram_that_is_missing_and_the_largest_free() {
		List<NodeSnapshot> nodes = List.of(node("a", "local", NodeState.UP, 64, 12 * 1024, 1000),
				node("b", "local", NodeState.UP, 64, 8 * 1024, 1000),
				node("c", "local", NodeState.DOWN, 64, 128 * 1024, 1000));

		assertThat(shortage(nodes, new Resources(2, 64 * 1024, 10)))
			.isEqualTo("No node in region local has 64 GiB RAM free (largest free: 12 GiB).");
		assertThat(shortage(nodes, new Resources(2, 12 * 1024 + 100, 10)))
			.isEqualTo("No node in region local has 12.1 GiB RAM free (largest free: 12 GiB).");
	}

	@Test
	void the_explanation_names_vcpus_or_disk_when_they_bind() {
		List<NodeSnapshot> nodes = List.of(node("a", "local", NodeState.UP, 2, 65536, 50));

		assertThat(shortage(nodes, new Resources(16, 1024, 10)))
			.isEqualTo("No node in region local has 16 vCPUs free (largest free: 8).");
		assertThat(shortage(nodes, new Resources(1, 1024, 500)))
			.isEqualTo("No node in region local has 500 GiB disk free (largest free: 50 GiB).");
	}

	@Test
	void the_explanation_says_when_resources_are_free_only_on_different_nodes() {
		List<NodeSnapshot> nodes = List.of(node("cpu", "local", NodeState.UP, 16, 2048, 100),
				node("ram", "local", NodeState.UP, 1, 65536, 100));

		assertThat(shortage(nodes, new Resources(8, 8192, 10))).isEqualTo("No node in region local has 8 vCPUs, "
				+ "8 GiB RAM and 10 GiB disk free at the same time (each is free on some node, but not together).");
	}

	@Test
	void the_explanation_says_when_no_node_is_up_and_what_they_are() {
		List<NodeSnapshot> nodes = List.of(node("a", "eu-1", NodeState.DOWN, 8, 8192, 100),
				node("b", "eu-1", NodeState.DOWN, 8, 8192, 100), node("c", "eu-1", NodeState.DRAINING, 8, 8192, 100));

		assertThat(PlacementPolicy.rank(nodes, new Demand("eu-1", SMALL, null), Weigher.SPREAD, 8).shortage())
			.isEqualTo("No node in region eu-1 is up (2 down, 1 draining).");
		assertThat(PlacementPolicy.rank(List.of(), new Demand("eu-2", SMALL, null), Weigher.SPREAD, 8).shortage())
			.isEqualTo("No node in region eu-2 is up: the region has no nodes.");
	}

	@Test
	void a_node_whose_capacity_was_lowered_below_its_usage_takes_nothing_and_shows_no_negative_room() {
		NodeSnapshot node = node("shrunk", "local", NodeState.UP, 4, 4096, 100)
			.withAllocation(new Resources(1, 6144, 0), null);

		assertThat(node.freeMemoryMib()).isEqualTo(-2048);
		assertThat(shortage(List.of(node), new Resources(1, 512, 0)))
			.isEqualTo("No node in region local has 512 MiB RAM free (largest free: 0 GiB).");
	}

	@Test
	void ratios_must_be_positive() {
		assertThatThrownBy(() -> new Overcommit(BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private static String shortage(List<NodeSnapshot> nodes, Resources size) {
		Ranking ranking = PlacementPolicy.rank(nodes, new Demand("local", size, null), Weigher.PACK, 8);
		assertThat(ranking.candidates()).isEmpty();
		return ranking.shortage();
	}

	private static List<String> names(Ranking ranking) {
		return ranking.candidates().stream().map(NodeSnapshot::name).toList();
	}

	/** A node with the default overcommit (4 vCPUs per core, none for RAM and disk) and nothing placed on it. */
	static NodeSnapshot node(String name, String region, NodeState state, int cores, long memoryMib, long diskGib) {
		return new NodeSnapshot(new NodeId(UUID.nameUUIDFromBytes(name.getBytes())), name, region, state,
				new Resources(cores, memoryMib, diskGib),
				new Overcommit(new BigDecimal("4.0"), BigDecimal.ONE, BigDecimal.ONE), Resources.NONE, Set.of());
	}
}
