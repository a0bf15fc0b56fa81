package io.skyport.compute;

/**
 * The guest's cloud-init phoned home after reading its configuration from Skyport's NoCloud data source: the
 * instance is configured. Published once compute has recorded the guest's addresses as known at the phone-home
 * ({@link InstanceDetails#addresses()}), so a listener that tells the customer how to reach the server finds them.
 * The deployer waits for it.
 */
public record InstanceConfigFetched(InstanceId instanceId) {
}
