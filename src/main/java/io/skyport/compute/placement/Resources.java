package io.skyport.compute.placement;

/**
 * Amounts of the three resources placement counts: an instance's size, a node's capacity, usage or free room.
 */
public record Resources(int vcpus, long memoryMib, long diskGib) {

	public static final Resources NONE = new Resources(0, 0, 0);

	public Resources plus(Resources other) {
		return new Resources(vcpus + other.vcpus, memoryMib + other.memoryMib, diskGib + other.diskGib);
	}

	public Resources minus(Resources other) {
		return new Resources(vcpus - other.vcpus, memoryMib - other.memoryMib, diskGib - other.diskGib);
	}

	/** Each amount, or zero where it is negative (a node whose capacity was lowered below its usage). */
	public Resources atLeastZero() {
		return new Resources(Math.max(0, vcpus), Math.max(0, memoryMib), Math.max(0, diskGib));
	}

	/** Whether these amounts fit into {@code room} in every resource. */
	public boolean fitsIn(Resources room) {
		return vcpus <= room.vcpus && memoryMib <= room.memoryMib && diskGib <= room.diskGib;
	}
}
