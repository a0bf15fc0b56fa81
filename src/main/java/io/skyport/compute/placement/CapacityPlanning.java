package io.skyport.compute.placement;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.TextRule;

/**
 * The operator's view of placement: regions with their totals and weigher, and what-if dry runs.
 */
@Service
class CapacityPlanning {

	private static final Pattern REGION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,49}");
	private static final TextRule DESCRIPTION = new TextRule("description", 200, "", "the description");

	private final Placements placements;
	private final PlacementLedger ledger;
	private final Clock clock;

	CapacityPlanning(Placements placements, PlacementLedger ledger, Clock clock) {
		this.placements = placements;
		this.ledger = ledger;
		this.clock = clock;
	}

	/** A region's settings as submitted, before validation. */
	record RegionForm(@Nullable String weigher, @Nullable String description) {
	}

	/** A what-if as submitted: a size, how many, and optionally an anti-affinity group. */
	record DryRunForm(@Nullable String region, @Nullable Integer vcpus, @Nullable Long memoryMib,
			@Nullable Long diskGib, @Nullable Integer count, @Nullable String antiAffinityGroup) {
	}

	/** One instance of a dry run and the node it would go to. */
	record Placed(UUID nodeId, String nodeName) {
	}

	/** How many of a dry run's instances a node would get. */
	record NodeShare(String nodeName, int instances) {
	}

	/** The outcome of a dry run; {@code reason} says why the {@code unplaced} ones would not fit. */
	record DryRunView(String region, Weigher weigher, int requested, int placed, List<Placed> placements,
			int unplaced, @Nullable String reason) {

		/** The nodes chosen, in the order they were first chosen, with how many instances each would get. */
		public List<NodeShare> byNode() {
			Map<String, Integer> counts = new LinkedHashMap<>();
			placements.forEach(placed -> counts.merge(placed.nodeName(), 1, Integer::sum));
			return counts.entrySet().stream().map(entry -> new NodeShare(entry.getKey(), entry.getValue())).toList();
		}
	}

	@Transactional(readOnly = true)
	List<RegionView> regions() {
		return ledger.regions();
	}

	/**
	 * Sets a region's weigher (and description), creating the region's settings if it had none: a region may be
	 * configured before its first node is added.
	 */
	@Transactional
	RegionView configure(String name, RegionForm form) {
		List<Violation> violations = new ArrayList<>();
		if (!REGION_NAME.matcher(name).matches()) {
			violations.add(new Violation("name", "A region name is 1 to 50 letters, digits, '.', '_' or '-', "
					+ "starting with a letter or digit."));
		}
		Weigher weigher = weigher(form.weigher(), violations);
		String description = DESCRIPTION.optional(form.description(), violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		ledger.saveRegion(name, weigher, description, clock.instant());
		return ledger.region(name).orElseThrow();
	}

	/** Simulates {@code count} placements of the form's size without reserving anything. */
	DryRunView dryRun(DryRunForm form) {
		List<Violation> violations = new ArrayList<>();
		Demand demand = Sizes.demand(form.region(), form.vcpus(), form.memoryMib(), form.diskGib(),
				form.antiAffinityGroup(), violations);
		int count = form.count() == null ? 1 : Sizes.count(form.count(), violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		Placements.DryRun run = placements.simulate(demand, count);
		Simulation simulation = run.simulation();
		List<Placed> placed = simulation.chosen().stream().map(node -> new Placed(node.id().id(), node.name())).toList();
		return new DryRunView(demand.region(), run.weigher(), count, placed.size(), placed, simulation.unplaced(),
				simulation.shortage());
	}

	private static Weigher weigher(@Nullable String value, List<Violation> violations) {
		for (Weigher weigher : Weigher.values()) {
			if (value != null && weigher.name().equalsIgnoreCase(value.strip())) {
				return weigher;
			}
		}
		violations.add(new Violation("weigher", "Choose the weigher SPREAD (most free RAM first) or PACK (fill nodes "
				+ "one after the other)."));
		return Weigher.DEFAULT;
	}
}
