package io.skyport.compute.provider;

/** A volume on the host: its name, where the host keeps it and its capacity. */
public record VolumeInfo(String name, String path, long capacityBytes) {
}
