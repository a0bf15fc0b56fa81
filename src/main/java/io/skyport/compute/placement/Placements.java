package io.skyport.compute.placement;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.compute.InstanceId;
import io.skyport.platform.errors.BusyException;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;

/**
 * Places instances on compute nodes. {@link #reserve} chooses a node with {@link PlacementPolicy} on a fresh
 * snapshot of the region and takes the capacity with one conditional UPDATE, so concurrent reservations (on any
 * number of Skyport servers sharing the database) never exceed a node's capacity after overcommit.
 * <p>
 * Methods join the caller's transaction if there is one (the allocation then commits or rolls back with it; the
 * chosen node's row stays locked until then, so keep that transaction short) and start their own otherwise.
 */
@Service
public class Placements {

	/** Snapshots read per reservation at most: a lost race re-reads the region once the candidates are used up. */
	static final int MAX_ROUNDS = 6;

	/** Candidates tried per snapshot. */
	static final int CANDIDATES_PER_ROUND = 8;

	/** A reservation that keeps losing races gives up after this long. */
	static final Duration DEADLINE = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(Placements.class);

	private final PlacementLedger ledger;
	private final PlacementMetrics metrics;
	private final Clock clock;

	Placements(PlacementLedger ledger, PlacementMetrics metrics, Clock clock) {
		this.ledger = ledger;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Reserves room for the instance on the best node of its region. Reserving an instance that already has an
	 * allocation returns that allocation's node (the request must then ask for the same region and size).
	 *
	 * @throws InvalidInputException for a size out of bounds or an unknown region (field {@code region}).
	 * @throws ConflictException if no node can take it, with the reason, e.g. "No node in region local has 64 GiB
	 * RAM free (largest free: 12 GiB)."; or if the instance is placed already with another region or size.
	 * @throws BusyException if concurrent reservations kept taking the room first until the attempts or the
	 * deadline ran out, or the database did not answer in time (retry later).
	 */
	@Transactional(noRollbackFor = { ConflictException.class, InvalidInputException.class })
	public PlacementDecision reserve(PlacementRequest request) {
		Demand demand;
		try {
			demand = Sizes.demand(request.region(), request.vcpus(), request.memoryMib(), request.diskGib(),
					request.antiAffinityGroup());
		}
		catch (InvalidInputException ex) {
			metrics.decided(PlacementMetrics.Reason.INVALID_REQUEST);
			throw ex;
		}
		try {
			ledger.lockInstance(request.instanceId());
			var existing = ledger.allocation(request.instanceId());
			if (existing.isPresent()) {
				return same(request.instanceId(), existing.get(), demand);
			}
			String group = demand.antiAffinityGroup();
			if (group != null) {
				ledger.lockGroup(group);
			}
			RegionSnapshot region;
			try {
				region = snapshot(demand.region(), group);
			}
			catch (InvalidInputException ex) {
				metrics.decided(PlacementMetrics.Reason.INVALID_REQUEST);
				throw ex;
			}
			long deadline = System.nanoTime() + DEADLINE.toNanos();
			int lost = 0;
			for (int round = 1; round <= MAX_ROUNDS && System.nanoTime() < deadline; round++) {
				List<NodeSnapshot> nodes = round == 1 ? region.nodes() : ledger.nodes(demand.region(), group);
				Ranking ranking = PlacementPolicy.rank(nodes, demand, region.weigher(), CANDIDATES_PER_ROUND);
				if (ranking.isEmpty()) {
					PlacementPolicy.Shortage shortage = PlacementPolicy.explainShortage(nodes, demand);
					metrics.decided(shortage.kind());
					throw new ConflictException(shortage.message());
				}
				for (NodeSnapshot candidate : ranking.candidates()) {
					var taken = ledger.take(candidate.id(), demand.region(), demand.size(), group);
					if (taken.isPresent()) {
						ledger.record(request.instanceId(), candidate.id(), demand.size(), group, clock.instant());
						metrics.decided(PlacementMetrics.Reason.PLACED);
						return new PlacementDecision(candidate.id(), taken.get());
					}
					lost++;
				}
			}
			log.warn("Placement of instance {} in region {} lost {} races; giving up", request.instanceId(),
					demand.region(), lost);
			metrics.decided(PlacementMetrics.Reason.BUSY);
			throw new BusyException("Placement in region " + demand.region() + " is busy: other reservations kept "
					+ "taking the room first. Try again.", Duration.ofSeconds(1));
		}
		catch (QueryTimeoutException | PessimisticLockingFailureException ex) {
			log.warn("Placement of instance {} in region {} timed out: {}", request.instanceId(), demand.region(),
					ex.getMessage());
			metrics.decided(PlacementMetrics.Reason.BUSY);
			throw new BusyException("Placement in region " + demand.region() + " did not get an answer from the "
					+ "database in time. Try again.", Duration.ofSeconds(2));
		}
	}

	/** Gives the instance's reserved room back to its node. Does nothing if it has no allocation. */
	@Transactional
	public void release(InstanceId instanceId) {
		ledger.release(instanceId);
	}

	/**
	 * The nodes {@code count} instances of this size would be placed on, one after the other, if they were
	 * reserved now; reserves nothing. Shorter than {@code count} if the rest would not fit.
	 *
	 * @throws InvalidInputException for a size or count out of bounds, or an unknown region.
	 */
	@Transactional(readOnly = true)
	public List<PlacementDecision> dryRun(PlacementRequest request, int count) {
		List<InvalidInputException.Violation> violations = new ArrayList<>();
		Demand demand = Sizes.demand(request.region(), request.vcpus(), request.memoryMib(), request.diskGib(),
				request.antiAffinityGroup(), violations);
		Sizes.count(count, violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return decisions(simulate(demand, count).simulation());
	}

	/** A dry run with the weigher used and, if some did not fit, why. */
	record DryRun(Weigher weigher, Simulation simulation) {
	}

	@Transactional(readOnly = true)
	DryRun simulate(Demand demand, int count) {
		RegionSnapshot region = snapshot(demand.region(), demand.antiAffinityGroup());
		return new DryRun(region.weigher(),
				PlacementPolicy.simulate(region.nodes(), demand, region.weigher(), count));
	}

	static List<PlacementDecision> decisions(Simulation simulation) {
		return simulation.chosen().stream().map(node -> new PlacementDecision(node.id(), node.name())).toList();
	}

	private record RegionSnapshot(Weigher weigher, List<NodeSnapshot> nodes) {
	}

	/** @throws InvalidInputException if no node has the region and it has no {@code compute_regions} row. */
	private RegionSnapshot snapshot(String region, @Nullable String group) {
		var chosen = ledger.weigher(region);
		List<NodeSnapshot> nodes = ledger.nodes(region, group);
		if (nodes.isEmpty() && chosen.isEmpty()) {
			throw unknownRegion(region, ledger.regionNames());
		}
		return new RegionSnapshot(chosen.orElse(Weigher.DEFAULT), nodes);
	}

	static InvalidInputException unknownRegion(String region, List<String> known) {
		if (known.isEmpty()) {
			return InvalidInputException.of("region",
					"Unknown region '" + region + "'. There are no regions yet: add a compute node first.");
		}
		String names = known.size() <= 20 ? String.join(", ", known)
				: String.join(", ", known.subList(0, 20)) + " and " + (known.size() - 20) + " more";
		return InvalidInputException.of("region", "Unknown region '" + region + "'. Regions: " + names + ".");
	}

	private PlacementDecision same(InstanceId instance, PlacementLedger.Allocation allocation, Demand demand) {
		if (!allocation.region().equals(demand.region()) || !allocation.size().equals(demand.size())
				|| !Objects.equals(allocation.group(), demand.antiAffinityGroup())) {
			metrics.decided(PlacementMetrics.Reason.INVALID_REQUEST);
			throw new ConflictException("Instance " + instance + " is placed already, on node " + allocation.nodeName()
					+ " in region " + allocation.region() + " with another size or group. Release it first.");
		}
		metrics.decided(PlacementMetrics.Reason.ALREADY_PLACED);
		return new PlacementDecision(allocation.nodeId(), allocation.nodeName());
	}
}
