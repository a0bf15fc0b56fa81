package io.skyport.compute;

import java.util.List;

/**
 * One reading of a node: its figures now and its running instances' counters.
 *
 * @param machineCount every machine the host holds, Skyport's or not.
 */
public record NodeMeasurement(NodeId nodeId, String nodeName, String region, int cpus, long memoryBytes,
		long freeMemoryBytes, long poolBytes, long poolFreeBytes, int machineCount, List<InstanceCounters> instances) {
}
