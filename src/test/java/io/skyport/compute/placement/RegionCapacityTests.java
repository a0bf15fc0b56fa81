package io.skyport.compute.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.skyport.compute.ComputeCapacity;
import io.skyport.compute.NodeId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * Compute's public answer to "where does this size fit now": the placement filters on the real database, reserving
 * nothing.
 */
@SkyportIntegrationTest
class RegionCapacityTests {

	@Autowired
	ComputeCapacity capacity;

	@Autowired
	JdbcClient jdbc;

	TestRegion roomy;
	TestRegion tight;
	TestRegion down;

	@BeforeEach
	void regions() {
		roomy = new TestRegion(jdbc, "roomy");
		tight = new TestRegion(jdbc, "tight");
		down = new TestRegion(jdbc, "down");
	}

	@AfterEach
	void cleanUp() {
		roomy.close();
		tight.close();
		down.close();
	}

	@Test
	void regions_with_room_are_those_where_a_node_that_is_up_has_every_resource_free_at_once() {
		NodeId big = roomy.node("big", 8, 16384, 200);
		tight.node("ram", 8, 2048, 200);
		tight.node("disk", 8, 16384, 10);
		down.node("off", "DOWN", 8, 16384, 200, new BigDecimal("4.0"), BigDecimal.ONE, BigDecimal.ONE);
		List<String> candidates = List.of(roomy.name(), tight.name(), down.name(), "no-such-region");

		assertThat(capacity.regionsWithRoomFor(2, 4096, 40, candidates)).containsExactly(roomy.name());
		assertThat(capacity.regionsWithRoomFor(1, 1024, 10, candidates)).containsExactly(roomy.name(), tight.name());
		assertThat(capacity.regionsWithRoomFor(2, 4096, 40, List.of())).contains(roomy.name())
			.doesNotContain(tight.name(), down.name());
		assertThat(capacity.regions()).contains(roomy.name(), tight.name(), down.name()).isSorted();
		assertThat(roomy.used(big)).isEqualTo(Resources.NONE);
	}

	@Test
	void require_room_names_the_region_and_the_resource_that_is_short_and_reserves_nothing() {
		NodeId node = tight.node("small", 8, 2048, 200);

		capacity.requireRoom(tight.name(), 2, 2048, 100);

		assertThatThrownBy(() -> capacity.requireRoom(tight.name(), 2, 8192, 100)).isInstanceOf(ConflictException.class)
			.hasMessage("No node in region " + tight.name() + " has 8 GiB RAM free (largest free: 2 GiB).");
		assertThatThrownBy(() -> capacity.requireRoom(down.name(), 1, 1024, 10))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(ex -> assertThat(((InvalidInputException) ex).violations())
				.allSatisfy(violation -> assertThat(violation.field()).isEqualTo("region")))
			.hasMessageContaining("Unknown region '" + down.name() + "'");
		assertThat(tight.used(node)).isEqualTo(Resources.NONE);
		assertThat(tight.allocations()).isZero();
	}

	@Test
	void a_region_whose_nodes_are_all_down_has_no_room() {
		down.node("off", "DOWN", 8, 16384, 200, new BigDecimal("4.0"), BigDecimal.ONE, BigDecimal.ONE);

		assertThatThrownBy(() -> capacity.requireRoom(down.name(), 1, 1024, 10)).isInstanceOf(ConflictException.class)
			.hasMessage("No node in region " + down.name() + " is up (1 down).");
	}
}
