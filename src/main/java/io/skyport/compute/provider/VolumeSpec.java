package io.skyport.compute.provider;

/** An empty qcow2 volume to create in the target's storage pool. */
public record VolumeSpec(String name, int sizeGib) {
}
