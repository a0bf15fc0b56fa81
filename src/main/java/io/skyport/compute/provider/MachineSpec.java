package io.skyport.compute.provider;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

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
 * @param kernelBoot the kernel and initrd to boot directly, or {@code null} to boot from the root disk.
 * @param imageFormat the image's format ({@code qcow2}, {@code raw}) where Skyport knows it (imported images), which
 *        then wins over what the host reports; {@code null} to take the host's word.
 */
public record MachineSpec(String name, UUID uuid, int vcpus, long memoryMib, String imageSource, int rootDiskGib,
		String smbiosSerial, @Nullable KernelBoot kernelBoot, @Nullable String imageFormat) {

	/** A machine that boots from its root disk, whose format the host knows. */
	public MachineSpec(String name, UUID uuid, int vcpus, long memoryMib, String imageSource, int rootDiskGib,
			String smbiosSerial) {
		this(name, uuid, vcpus, memoryMib, imageSource, rootDiskGib, smbiosSerial, null, null);
	}

	/**
	 * Direct kernel boot: the hypervisor loads the kernel (and initrd) itself and passes the command line; the root
	 * disk holds the root file system.
	 *
	 * @param kernel the kernel, given like {@link MachineSpec#imageSource()}: a volume name in the target's storage
	 *        pool, {@code pool/volume} or an absolute path on the host.
	 * @param initrd the initial RAM disk, given the same way, or {@code null} for none.
	 * @param cmdline the kernel command line, e.g. {@code root=/dev/vda console=ttyS0 rw}; may be empty.
	 */
	public record KernelBoot(String kernel, @Nullable String initrd, String cmdline) {
	}
}
