package io.skyport.compute.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.skyport.compute.InstanceId;
import io.skyport.compute.NodeId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * 500 reservations at once onto 50 nodes: no node ever holds more than its capacity after overcommit, its
 * {@code used_*} always equal the sum of its allocations, anti-affinity holds, and a request is refused only if
 * nothing could take it.
 */
@SkyportIntegrationTest
class PlacementConcurrencyTests {

	private static final int NODES = 50;
	private static final int REQUESTS = 500;
	private static final int THREADS = 24;

	@Autowired
	Placements placements;

	@Autowired
	PlacementLedger ledger;

	@Autowired
	JdbcClient jdbc;

	sealed interface Outcome {
	}

	record Placed(PlacementRequest request, PlacementDecision decision) implements Outcome {
	}

	record Refused(PlacementRequest request, String reason) implements Outcome {
	}

	@ParameterizedTest
	@EnumSource(Weigher.class)
	void concurrent_reservations_never_overcommit_a_node_and_are_refused_only_when_nothing_fits(Weigher weigher)
			throws Exception {
		try (TestRegion region = new TestRegion(jdbc, "race")) {
			addNodes(region);
			ledger.saveRegion(region.name(), weigher, null, Instant.parse("2026-11-23T10:00:00Z"));
			List<PlacementRequest> requests = requests(region.name());

			List<Outcome> outcomes = reserveAtOnce(requests);

			List<Placed> placed = outcomes.stream().filter(Placed.class::isInstance).map(Placed.class::cast).toList();
			List<Refused> refused = outcomes.stream().filter(Refused.class::isInstance).map(Refused.class::cast)
				.toList();
			assertThat(placed.size() + refused.size()).isEqualTo(REQUESTS);
			assertThat(placed).as("some reservations succeed").hasSizeGreaterThan(100);
			assertThat(refused).as("the workload is larger than the region").hasSizeGreaterThan(50);
			assertThat(region.allocations()).isEqualTo(placed.size());

			List<NodeSnapshot> nodes = ledger.nodes(region.name(), null);
			assertThat(nodes).hasSize(NODES);
			for (NodeSnapshot node : nodes) {
				assertThat(region.allocated(node.id())).as("allocations of %s", node.name()).isEqualTo(node.used());
				assertThat(node.used().fitsIn(node.allowed())).as("usage of %s within %s", node.name(), node.allowed())
					.isTrue();
			}
			for (Refused refusal : refused) {
				PlacementRequest request = refusal.request();
				String group = request.antiAffinityGroup();
				Demand demand = new Demand(request.region(),
						new Resources(request.vcpus(), request.memoryMib(), request.diskGib()), group);
				assertThat(PlacementPolicy.rank(ledger.nodes(region.name(), group), demand, weigher, 1).isEmpty())
					.as("refused %s (%s) although a node can take it now", demand, refusal.reason())
					.isTrue();
				assertThat(refusal.reason()).matches("(No node in region|Every node in region) " + region.name() + " .*");
			}
			assertThat(jdbc.sql("""
					select count(*) from compute_allocations a join compute_nodes n on n.id = a.node_id
					where n.region = :region and a.anti_affinity_group is not null
					group by a.node_id, a.anti_affinity_group having count(*) > 1""")
				.param("region", region.name())
				.query(Integer.class)
				.list()).as("nodes holding two instances of one anti-affinity group").isEmpty();
		}
	}

	/** 50 nodes of three shapes, two with overcommit ratios that need rounding down. */
	private static void addNodes(TestRegion region) {
		for (int i = 0; i < NODES; i++) {
			switch (i % 3) {
				case 0 -> region.node("n" + i, "UP", 4, 16384, 200, new BigDecimal("4.0"), BigDecimal.ONE,
						BigDecimal.ONE);
				case 1 -> region.node("n" + i, "UP", 3, 10000, 150, new BigDecimal("2.50"), new BigDecimal("1.10"),
						new BigDecimal("1.25"));
				default -> region.node("n" + i, "UP", 8, 32768, 400, new BigDecimal("1.50"), BigDecimal.ONE,
						new BigDecimal("0.75"));
			}
		}
	}

	/** A fixed mix of sizes; one request in ten in one of five anti-affinity groups. */
	private static List<PlacementRequest> requests(String region) {
		Random random = new Random(42);
		int[] vcpus = { 1, 2, 4, 8 };
		long[] memory = { 512, 1024, 2048, 4096, 8192 };
		long[] disk = { 10, 20, 40 };
		String groups = "g-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		List<PlacementRequest> requests = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			String group = random.nextInt(10) == 0 ? groups + random.nextInt(5) : null;
			requests.add(new PlacementRequest(new InstanceId(UUID.randomUUID()), region,
					vcpus[random.nextInt(vcpus.length)], memory[random.nextInt(memory.length)],
					disk[random.nextInt(disk.length)], group));
		}
		return requests;
	}

	private List<Outcome> reserveAtOnce(List<PlacementRequest> requests) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Outcome>> futures = new ArrayList<>();
			for (PlacementRequest request : requests) {
				futures.add(pool.submit(() -> {
					start.await();
					try {
						return new Placed(request, placements.reserve(request));
					}
					catch (ConflictException ex) {
						return new Refused(request, ex.getMessage());
					}
				}));
			}
			start.countDown();
			List<Outcome> outcomes = new ArrayList<>();
			for (Future<Outcome> future : futures) {
				outcomes.add(future.get(60, TimeUnit.SECONDS));
			}
			return outcomes;
		}
		finally {
			pool.shutdownNow();
			assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("reservations finished").isTrue();
		}
	}
}
