package io.skyport.monitoring.samples;

/** Cumulative counters of a machine run: CPU nanoseconds, bytes and operations since it started. */
public record Counters(long cpuTimeNanos, long networkIn, long networkOut, long diskRead, long diskWrite,
		long diskReadOps, long diskWriteOps) {

	public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0);

	/**
	 * What each counter grew by since {@code previous}. A counter that went down was reset (the machine restarted, a
	 * device was replaced): it counts from zero again, so its whole value is the growth.
	 */
	public Counters since(Counters previous) {
		return new Counters(growth(cpuTimeNanos, previous.cpuTimeNanos), growth(networkIn, previous.networkIn),
				growth(networkOut, previous.networkOut), growth(diskRead, previous.diskRead),
				growth(diskWrite, previous.diskWrite), growth(diskReadOps, previous.diskReadOps),
				growth(diskWriteOps, previous.diskWriteOps));
	}

	private static long growth(long now, long before) {
		return now >= before ? now - before : now;
	}
}
