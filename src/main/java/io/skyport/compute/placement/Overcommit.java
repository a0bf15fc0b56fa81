package io.skyport.compute.placement;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A node's overcommit ratios: what placement may hand out is {@code floor(capacity × ratio)} per resource, computed
 * exactly as PostgreSQL's {@code floor(numeric)} does in the reserving UPDATE.
 */
public record Overcommit(BigDecimal cpu, BigDecimal ram, BigDecimal disk) {

	/** No overcommit: what a node has is what it may hand out. */
	public static final Overcommit NONE = new Overcommit(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);

	public Overcommit {
		if (cpu.signum() <= 0 || ram.signum() <= 0 || disk.signum() <= 0) {
			throw new IllegalArgumentException("Overcommit ratios must be positive: " + cpu + ", " + ram + ", " + disk);
		}
	}

	/** The amounts placement may hand out on a node of this {@code capacity}. */
	public Resources applyTo(Resources capacity) {
		return new Resources(Math.toIntExact(floor(capacity.vcpus(), cpu)), floor(capacity.memoryMib(), ram),
				floor(capacity.diskGib(), disk));
	}

	private static long floor(long amount, BigDecimal ratio) {
		return BigDecimal.valueOf(amount).multiply(ratio).setScale(0, RoundingMode.FLOOR).longValueExact();
	}
}
