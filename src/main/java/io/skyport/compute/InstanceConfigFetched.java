package io.skyport.compute;

/**
 * The guest's cloud-init phoned home after reading its configuration from Skyport's NoCloud data source: the
 * instance is configured. The deployer waits for it.
 */
public record InstanceConfigFetched(InstanceId instanceId) {
}
