package io.skyport.compute.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.compute.InstanceId;
import io.skyport.compute.NodeId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * Reserving and releasing against the real database: {@code used_*} and allocations move together.
 */
@SkyportIntegrationTest
class PlacementsTests {

	@Autowired
	Placements placements;

	@Autowired
	PlacementLedger ledger;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	TestRegion region;

	@BeforeEach
	void region() {
		region = new TestRegion(jdbc, "place");
	}

	@AfterEach
	void cleanUp() {
		region.close();
	}

	@Test
	void a_reservation_takes_room_on_the_node_with_most_free_ram_and_records_the_allocation() {
		NodeId big = region.node("big", 8, 16384, 200);
		NodeId small = region.node("small", 8, 8192, 200);

		PlacementDecision decision = placements.reserve(request(2, 4096, 20));

		assertThat(decision).isEqualTo(new PlacementDecision(big, region.nodeName("big")));
		assertThat(region.used(big)).isEqualTo(new Resources(2, 4096, 20));
		assertThat(region.allocated(big)).isEqualTo(region.used(big));
		assertThat(region.used(small)).isEqualTo(Resources.NONE);
	}

	@Test
	void reserving_the_same_instance_twice_returns_its_node_and_counts_it_once() {
		NodeId node = region.node("only", 8, 16384, 200);
		PlacementRequest request = request(2, 4096, 20);

		PlacementDecision first = placements.reserve(request);
		PlacementDecision again = placements.reserve(request);

		assertThat(again).isEqualTo(first);
		assertThat(region.used(node)).isEqualTo(new Resources(2, 4096, 20));
		assertThat(region.allocations()).isEqualTo(1);
		PlacementRequest bigger = new PlacementRequest(request.instanceId(), region.name(), 4, 4096, 20, null);
		assertThatThrownBy(() -> placements.reserve(bigger)).isInstanceOf(ConflictException.class)
			.hasMessageContaining("is placed already, on node " + region.nodeName("only"));
	}

	@Test
	void releasing_gives_the_room_back_and_releasing_again_does_nothing() {
		NodeId node = region.node("only", 8, 16384, 200);
		PlacementRequest kept = request(1, 1024, 10);
		PlacementRequest released = request(2, 4096, 20);
		placements.reserve(kept);
		placements.reserve(released);

		placements.release(released.instanceId());
		placements.release(released.instanceId());
		placements.release(new InstanceId(UUID.randomUUID()));

		assertThat(region.used(node)).isEqualTo(new Resources(1, 1024, 10));
		assertThat(region.allocated(node)).isEqualTo(region.used(node));
		assertThat(region.allocations()).isEqualTo(1);
	}

	@Test
	void a_size_that_fits_nowhere_is_a_conflict_naming_the_region_and_the_largest_free_ram() {
		NodeId node = region.node("a", 8, 16384, 200);
		region.node("b", 8, 12288, 200);

		assertThatThrownBy(() -> placements.reserve(request(2, 65536, 20))).isInstanceOf(ConflictException.class)
			.hasMessage("No node in region " + region.name() + " has 64 GiB RAM free (largest free: 16 GiB).");
		assertThat(region.used(node)).isEqualTo(Resources.NONE);
		assertThat(region.allocations()).isZero();
	}

	@Test
	void nodes_that_are_not_up_take_nothing() {
		region.node("off", "DISABLED", 8, 16384, 200, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);
		region.node("gone", "DOWN", 8, 16384, 200, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);

		assertThatThrownBy(() -> placements.reserve(request(1, 1024, 10))).isInstanceOf(ConflictException.class)
			.hasMessage("No node in region " + region.name() + " is up (1 down, 1 disabled).");
	}

	@Test
	void an_unknown_region_is_invalid_input_listing_the_regions() {
		region.node("a", 8, 16384, 200);
		PlacementRequest nowhere = new PlacementRequest(new InstanceId(UUID.randomUUID()), "nowhere", 1, 1024, 10,
				null);

		assertThatThrownBy(() -> placements.reserve(nowhere)).isInstanceOfSatisfying(InvalidInputException.class,
				ex -> {
					assertThat(ex.violations()).singleElement().satisfies(violation -> {
						assertThat(violation.field()).isEqualTo("region");
						assertThat(violation.message()).startsWith("Unknown region 'nowhere'. Regions: ")
							.contains(region.name());
					});
				});
	}

	@Test
	void sizes_out_of_bounds_are_refused_field_by_field() {
		region.node("a", 8, 16384, 200);
		PlacementRequest absurd = new PlacementRequest(new InstanceId(UUID.randomUUID()), region.name(), 0, -1,
				-5, "x".repeat(101));

		assertThatThrownBy(() -> placements.reserve(absurd)).isInstanceOfSatisfying(InvalidInputException.class,
				ex -> assertThat(ex.violations()).extracting(InvalidInputException.Violation::field)
					.containsExactly("vcpus", "memoryMib", "diskGib", "antiAffinityGroup"));
		assertThat(region.allocations()).isZero();
	}

	@Test
	void a_region_set_to_pack_fills_the_fullest_node_that_fits() {
		region.node("big", 8, 16384, 200);
		NodeId small = region.node("small", 8, 8192, 200);
		ledger.saveRegion(region.name(), Weigher.PACK, null, java.time.Instant.parse("2026-11-23T10:00:00Z"));

		assertThat(placements.reserve(request(2, 4096, 20)).nodeId()).isEqualTo(small);
		assertThat(placements.reserve(request(2, 4096, 20)).nodeId()).isEqualTo(small);
		assertThat(placements.reserve(request(2, 4096, 20)).nodeName()).isEqualTo(region.nodeName("big"));
	}

	@Test
	void instances_of_an_anti_affinity_group_never_share_a_node() {
		NodeId a = region.node("a", 8, 65536, 200);
		NodeId b = region.node("b", 8, 16384, 200);
		String group = "db-" + UUID.randomUUID();

		NodeId first = placements.reserve(request(1, 1024, 10, group)).nodeId();
		NodeId second = placements.reserve(request(1, 1024, 10, group)).nodeId();

		assertThat(List.of(first, second)).containsExactlyInAnyOrder(a, b);
		assertThatThrownBy(() -> placements.reserve(request(1, 1024, 10, group))).isInstanceOf(ConflictException.class)
			.hasMessage("Every node in region " + region.name() + " with 1 vCPU, 1 GiB RAM and 10 GiB disk free "
					+ "already holds an instance of anti-affinity group '" + group + "' (2 nodes).");
		assertThat(placements.reserve(request(1, 1024, 10)).nodeId()).isEqualTo(a);
	}

	@Test
	void the_conditional_update_never_exceeds_capacity_after_overcommit_nor_takes_a_node_that_is_not_up() {
		NodeId node = region.node("odd", "UP", 3, 1000, 15, new BigDecimal("1.50"), new BigDecimal("1.10"),
				new BigDecimal("0.50"));
		NodeId down = region.node("down", "DOWN", 64, 65536, 1000, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);

		transactions.executeWithoutResult(status -> {
			assertThat(ledger.take(node, region.name(), new Resources(4, 1100, 7), null)).isPresent();
			assertThat(ledger.take(node, region.name(), new Resources(1, 0, 0), null)).isEmpty();
			assertThat(ledger.take(node, region.name(), new Resources(0, 1, 0), null)).isEmpty();
			assertThat(ledger.take(node, region.name(), new Resources(0, 0, 1), null)).isEmpty();
			assertThat(ledger.take(down, region.name(), new Resources(1, 1, 1), null)).isEmpty();
			assertThat(ledger.take(node, "elsewhere", Resources.NONE, null)).isEmpty();
			status.setRollbackOnly();
		});
		assertThat(region.used(node)).isEqualTo(Resources.NONE);
	}

	@Test
	void a_reservation_in_a_transaction_that_rolls_back_leaves_nothing_behind() {
		NodeId node = region.node("only", 8, 16384, 200);

		transactions.executeWithoutResult(status -> {
			placements.reserve(request(2, 4096, 20));
			status.setRollbackOnly();
		});

		assertThat(region.used(node)).isEqualTo(Resources.NONE);
		assertThat(region.allocations()).isZero();
	}

	@Test
	void a_refused_reservation_does_not_spoil_the_callers_transaction() {
		NodeId node = region.node("only", 8, 16384, 200);

		transactions.executeWithoutResult(status -> {
			assertThatThrownBy(() -> placements.reserve(request(2, 65536, 20))).isInstanceOf(ConflictException.class);
			placements.reserve(request(2, 4096, 20));
		});

		assertThat(region.used(node)).isEqualTo(new Resources(2, 4096, 20));
	}

	@Test
	void a_dry_run_answers_where_instances_would_go_and_reserves_nothing() {
		NodeId a = region.node("a", 8, 8192, 200);
		NodeId b = region.node("b", 8, 8192, 200);
		PlacementRequest request = request(1, 4096, 10);

		List<PlacementDecision> decisions = placements.dryRun(request, 5);

		assertThat(decisions).extracting(PlacementDecision::nodeId).containsExactly(a, b, a, b);
		assertThat(region.used(a)).isEqualTo(Resources.NONE);
		assertThat(region.used(b)).isEqualTo(Resources.NONE);
		assertThat(region.allocations()).isZero();
		assertThatThrownBy(() -> placements.dryRun(request, 0)).isInstanceOfSatisfying(InvalidInputException.class,
				ex -> assertThat(ex.violations()).extracting(InvalidInputException.Violation::field)
					.containsExactly("count"));
	}

	private PlacementRequest request(int vcpus, long memoryMib, long diskGib) {
		return request(vcpus, memoryMib, diskGib, null);
	}

	private PlacementRequest request(int vcpus, long memoryMib, long diskGib, String group) {
		return new PlacementRequest(new InstanceId(UUID.randomUUID()), region.name(), vcpus, memoryMib, diskGib, group);
	}
}
