package io.skyport.compute;

import java.util.Collection;
import java.util.List;

import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;

/**
 * Regions and room in them, for other modules: the catalog checks the regions a plan names, billing shows and checks
 * where an order can run. Answers are a placement dry run on the current state of the nodes: they reserve nothing,
 * so room seen here can be taken by another reservation a moment later.
 */
public interface ComputeCapacity {

	/** Every known region (one with a node, or configured by an operator), sorted by name. */
	List<String> regions();

	/**
	 * The regions where a machine of this size fits right now, by the same filters placement uses (a node that is up
	 * with the room after overcommit); sorted by name. Reserves nothing.
	 *
	 * @param diskGib root plus data disk.
	 * @param candidates the regions to consider; empty for every known region. Unknown names are left out.
	 * @throws InvalidInputException for a size out of placement's bounds ({@code vcpus}, {@code memoryMib},
	 * {@code diskGib}).
	 */
	List<String> regionsWithRoomFor(int vcpus, long memoryMib, long diskGib, Collection<String> candidates);

	/**
	 * Checks by a placement dry run that a machine of this size fits in the region right now. Reserves nothing.
	 *
	 * @param diskGib root plus data disk.
	 * @throws ConflictException naming the region and the resource that is short, e.g. "No node in region fra1 has
	 * 8 GiB RAM free (largest free: 2 GiB).".
	 * @throws InvalidInputException field {@code region} for an unknown region (or one missing), or the size field
	 * out of placement's bounds.
	 */
	void requireRoom(String region, int vcpus, long memoryMib, long diskGib);
}
