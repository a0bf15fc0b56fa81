package io.skyport.compute.provider;

/**
 * What a probe learnt of a host.
 *
 * @param diskGib capacity of the target's storage pool; {@code freeDiskGib} what is left of it.
 */
public record HostReport(String hypervisor, long hypervisorVersion, long libvirtVersion, int cpus, long memoryMib,
		long freeMemoryMib, long diskGib, long freeDiskGib, int machineCount) {
}
