package io.skyport.compute.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.compute.ComputeCapacity;
import io.skyport.platform.errors.ConflictException;

/** {@link ComputeCapacity} by {@link Placements}' dry run of one instance per region. */
@Service
class RegionCapacity implements ComputeCapacity {

	private final Placements placements;
	private final PlacementLedger ledger;

	RegionCapacity(Placements placements, PlacementLedger ledger) {
		this.placements = placements;
		this.ledger = ledger;
	}

	@Override
	@Transactional(readOnly = true)
	public List<String> regions() {
		return ledger.regionNames();
	}

	@Override
	@Transactional(readOnly = true)
	public List<String> regionsWithRoomFor(int vcpus, long memoryMib, long diskGib, Collection<String> candidates) {
		List<String> known = ledger.regionNames();
		Set<String> wanted = candidates.isEmpty() ? Set.copyOf(known) : new LinkedHashSet<>(candidates);
		List<String> withRoom = new ArrayList<>();
		for (String region : known) {
			if (wanted.contains(region) && simulate(region, vcpus, memoryMib, diskGib).unplaced() == 0) {
				withRoom.add(region);
			}
		}
		return withRoom;
	}

	@Override
	@Transactional(readOnly = true)
	public void requireRoom(String region, int vcpus, long memoryMib, long diskGib) {
		Simulation simulation = simulate(region, vcpus, memoryMib, diskGib);
		if (simulation.unplaced() > 0) {
			throw new ConflictException(Objects.requireNonNull(simulation.shortage()));
		}
	}

	private Simulation simulate(String region, int vcpus, long memoryMib, long diskGib) {
		Demand demand = Sizes.demand(region, vcpus, memoryMib, diskGib, null);
		return placements.simulate(demand, 1).simulation();
	}
}
