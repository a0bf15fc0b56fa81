package io.skyport.compute.provider;

/**
 * What a running machine has done since it started: cumulative counters (nanoseconds, bytes, operations) and its
 * memory now.
 *
 * @param run identifies this run of the machine on its host (libvirt: the domain ID, which changes when the machine
 * is started again): counters of different runs are not comparable, since they restart from zero.
 * @param memoryUsedBytes the memory the guest uses, as its balloon driver reports it (available minus unused); without
 * balloon statistics, the memory its host process holds.
 * @param memoryAvailableBytes the memory the guest can use (its current allocation).
 */
public record MachineCounters(String machineName, long run, long cpuTimeNanos, long memoryUsedBytes,
		long memoryAvailableBytes, long networkRxBytes, long networkTxBytes, long diskReadBytes, long diskWriteBytes,
		long diskReadOps, long diskWriteOps) {
}
