package io.skyport.compute.provider;

import java.util.UUID;

/**
 * What to create: a machine with its root volume. Data volumes are made and attached separately
 * ({@link ComputeProvider#createVolume}, {@link ComputeProvider#attachVolume}).
 *
 * @param name the machine's name on the host, derived from the instance ID.
 * @param uuid the machine's UUID: the instance ID, so the guest's {@code product_uuid} names its instance.
 * @param imageSource the image the root disk is backed by: {@code pool/volume}, an absolute path on the host, or a
 *        volume name in the target's storage pool.
 * @param smbiosSerial the SMBIOS system serial, which carries the NoCloud seed
 *        ({@code ds=nocloud-net;s=http://…/nocloud/TOKEN/}).
 */
public record MachineSpec(String name, UUID uuid, int vcpus, long memoryMib, String imageSource, int rootDiskGib,
		String smbiosSerial) {
}
