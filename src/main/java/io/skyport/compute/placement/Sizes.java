package io.skyport.compute.placement;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.TextRule;

/**
 * The rules for what may be placed: a region, a size within bounds no host comes near (so sums in SQL cannot
 * overflow), an optional anti-affinity group, and a dry run's count. Field names are those of the API and forms.
 */
final class Sizes {

	static final int MAX_VCPUS = 4_096;
	static final long MAX_MEMORY_MIB = 16L * 1024 * 1024;
	static final long MAX_DISK_GIB = 1024L * 1024;
	static final int MAX_COUNT = 1_000;

	static final TextRule REGION = new TextRule("region", 50, "Say which region to place in, e.g. local.",
			"the region");
	static final TextRule GROUP = new TextRule("antiAffinityGroup", 100, "", "the anti-affinity group");

	private Sizes() {
	}

	/** @throws InvalidInputException naming every field that breaks a rule. */
	static Demand demand(@Nullable String region, @Nullable Number vcpus, @Nullable Number memoryMib,
			@Nullable Number diskGib, @Nullable String antiAffinityGroup) {
		List<Violation> violations = new ArrayList<>();
		Demand demand = demand(region, vcpus, memoryMib, diskGib, antiAffinityGroup, violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return demand;
	}

	static Demand demand(@Nullable String region, @Nullable Number vcpus, @Nullable Number memoryMib,
			@Nullable Number diskGib, @Nullable String antiAffinityGroup, List<Violation> violations) {
		String name = REGION.require(region, violations);
		long cpus = within(vcpus, 1, MAX_VCPUS, "vcpus", "Ask for 1 to " + MAX_VCPUS + " vCPUs.", violations);
		long memory = within(memoryMib, 1, MAX_MEMORY_MIB, "memoryMib",
				"Ask for 1 MiB to 16 TiB (" + MAX_MEMORY_MIB + " MiB) of RAM.", violations);
		long disk = within(diskGib, 0, MAX_DISK_GIB, "diskGib", "Ask for 0 to " + MAX_DISK_GIB + " GiB of disk.",
				violations);
		String group = GROUP.optional(antiAffinityGroup, violations);
		return new Demand(name, new Resources((int) cpus, memory, disk), group);
	}

	static int count(@Nullable Integer count, List<Violation> violations) {
		return (int) within(count, 1, MAX_COUNT, "count", "Simulate 1 to " + MAX_COUNT + " instances.", violations);
	}

	private static long within(@Nullable Number value, long min, long max, String field, String message,
			List<Violation> violations) {
		if (value == null || value.longValue() < min || value.longValue() > max) {
			violations.add(new Violation(field, message));
			return min;
		}
		return value.longValue();
	}
}
