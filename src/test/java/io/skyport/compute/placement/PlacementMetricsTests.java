package io.skyport.compute.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.skyport.compute.InstanceId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * {@code skyport_placement_decisions_total} counts each reservation once, under the kind of shortage that refused it.
 */
@SkyportIntegrationTest
class PlacementMetricsTests {

	@Autowired
	Placements placements;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	TestRegion region;

	@BeforeEach
	void region() {
		region = new TestRegion(jdbc, "metrics");
	}

	@AfterEach
	void cleanUp() {
		region.close();
	}

	@Test
	void a_placement_and_each_kind_of_refusal_are_counted_under_their_reason() {
		region.node("only", 4, 8192, 100);
		double placed = count("placed", "placed");
		double memory = count("refused", "memory");
		double disk = count("refused", "disk");
		double invalid = count("refused", "invalid_request");

		placements.reserve(request(region.name(), 1, 1024, 10));
		assertThatThrownBy(() -> placements.reserve(request(region.name(), 1, 65536, 10)))
			.isInstanceOf(ConflictException.class);
		assertThatThrownBy(() -> placements.reserve(request(region.name(), 1, 1024, 5000)))
			.isInstanceOf(ConflictException.class);
		assertThatThrownBy(() -> placements.reserve(request("no-such-region-" + UUID.randomUUID(), 1, 1024, 10)))
			.isInstanceOf(InvalidInputException.class);

		assertThat(count("placed", "placed")).isGreaterThanOrEqualTo(placed + 1);
		assertThat(count("refused", "memory")).isEqualTo(memory + 1);
		assertThat(count("refused", "disk")).isEqualTo(disk + 1);
		assertThat(count("refused", "invalid_request")).isEqualTo(invalid + 1);
	}

	@Test
	void a_region_without_a_node_up_is_its_own_reason() {
		region.node("down", "DOWN", 4, 8192, 100, new java.math.BigDecimal("4.0"), java.math.BigDecimal.ONE,
				java.math.BigDecimal.ONE);
		double noNodeUp = count("refused", "no_node_up");

		assertThatThrownBy(() -> placements.reserve(request(region.name(), 1, 1024, 10)))
			.isInstanceOf(ConflictException.class);

		assertThat(count("refused", "no_node_up")).isEqualTo(noNodeUp + 1);
	}

	private double count(String outcome, String reason) {
		return meters.get("skyport.placement.decisions").tag("outcome", outcome).tag("reason", reason).counter().count();
	}

	private static PlacementRequest request(String region, int vcpus, long memoryMib, long diskGib) {
		return new PlacementRequest(new InstanceId(UUID.randomUUID()), region, vcpus, memoryMib, diskGib, null);
	}
}
