package io.skyport.compute.placement;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code skyport_placement_decisions_total{outcome,reason}}: every reservation of room for an instance, by what came
 * of it. Both labels come from fixed sets (never a region or node name): all combinations are registered at start, so
 * a refusal that never happened reads 0 rather than missing.
 */
@Component
class PlacementMetrics {

	static final String DECISIONS = "skyport.placement.decisions";

	/** What a reservation came to, and why. */
	enum Reason {
		/** Placed on a node. */
		PLACED(Outcome.PLACED),
		/** The instance had its allocation already (a repeated reservation). */
		ALREADY_PLACED(Outcome.PLACED),
		/** The region has no nodes. */
		NO_NODES(Outcome.REFUSED),
		/** No node of the region is up. */
		NO_NODE_UP(Outcome.REFUSED),
		/** No node has enough RAM free. */
		MEMORY(Outcome.REFUSED),
		/** No node has enough vCPUs free. */
		VCPUS(Outcome.REFUSED),
		/** No node has enough disk free. */
		DISK(Outcome.REFUSED),
		/** Each resource is free somewhere, but not all on one node. */
		COMBINED(Outcome.REFUSED),
		/** Every node with room holds an instance of the anti-affinity group. */
		ANTI_AFFINITY(Outcome.REFUSED),
		/** The request itself was wrong: an unknown region, a size out of bounds, placed already with another size. */
		INVALID_REQUEST(Outcome.REFUSED),
		/** Concurrent reservations kept taking the room first, or the database did not answer in time. */
		BUSY(Outcome.BUSY);

		final Outcome outcome;

		Reason(Outcome outcome) {
			this.outcome = outcome;
		}
	}

	enum Outcome {
		PLACED, REFUSED, BUSY
	}

	private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

	PlacementMetrics(MeterRegistry meters) {
		for (Reason reason : Reason.values()) {
			counters.put(reason, Counter.builder(DECISIONS)
				.description("Placement decisions: instances placed on a node, refused (with the kind of shortage) "
						+ "or given up because concurrent reservations or the database were too busy")
				.tag("outcome", reason.outcome.name().toLowerCase(Locale.ROOT))
				.tag("reason", reason.name().toLowerCase(Locale.ROOT))
				.register(meters));
		}
	}

	void decided(Reason reason) {
		counters.get(reason).increment();
	}
}
