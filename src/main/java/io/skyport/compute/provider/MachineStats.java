package io.skyport.compute.provider;

/** Cumulative counters of a machine since it started (bytes and nanoseconds), and its current memory. */
public record MachineStats(long cpuTimeNanos, long memoryMib, long networkRxBytes, long networkTxBytes,
		long diskReadBytes, long diskWriteBytes) {
}
