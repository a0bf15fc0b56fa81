package io.skyport.compute.provider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Drives machines and volumes on one kind of provider. Every method talks to the host named by the
 * {@link ProviderTarget}, returns within the adapter's timeouts (a dead host never hangs the caller) and reports
 * failures as:
 * <ul>
 * <li>{@link ProviderUnavailableException}: the host could not be reached or did not answer in time — transient,
 * worth retrying with backoff;</li>
 * <li>{@link MachineNotFoundException}: the named machine or volume does not exist on that host;</li>
 * <li>{@link ProviderFailureException}: the host answered and refused (bad image, no space, invalid definition) —
 * retrying the same request will not help.</li>
 * </ul>
 * Machines and volumes are addressed by name; names derive from Skyport's IDs, so a create repeated after a crash
 * finds what the first attempt made instead of making a second one.
 */
public interface ComputeProvider {

	/** Whether this provider can work in this process at all; when not, every other method throws. */
	ProviderAvailability availability();

	/** Host facts for the node probe: hypervisor, capacity, free memory, how many machines it holds. */
	HostReport probe(ProviderTarget target);

	/**
	 * Creates the machine's root volume from its image and defines the machine, <em>without starting it</em> (so that
	 * data volumes can be attached before its first boot). Idempotent: if a machine with {@code spec.name()} exists it
	 * is returned as it is (running or not), and an existing root volume with the derived name is reused.
	 */
	MachineInfo createMachine(ProviderTarget target, MachineSpec spec);

	/** Starts a stopped machine; a running one is left as is. */
	void startMachine(ProviderTarget target, String machineName);

	/**
	 * Asks the guest to shut down (ACPI) and waits up to {@code gracePeriod}; then powers it off. A stopped machine is
	 * left as is.
	 */
	void stopMachine(ProviderTarget target, String machineName, Duration gracePeriod);

	/** Reboots a running machine. */
	void rebootMachine(ProviderTarget target, String machineName);

	/**
	 * Powers the machine off, removes its definition and deletes its root volume (data volumes are deleted separately,
	 * with {@link #deleteVolume}). A machine (or storage pool) that does not exist is not an error: destroy is idempotent.
	 */
	void destroyMachine(ProviderTarget target, String machineName);

	/** Creates an empty volume; an existing volume with the same name is returned as is. */
	VolumeInfo createVolume(ProviderTarget target, VolumeSpec spec);

	/** Attaches a volume to a machine as its next free virtio disk; already attached is not an error. */
	void attachVolume(ProviderTarget target, String machineName, String volumeName);

	/** Detaches a volume; not attached is not an error. */
	void detachVolume(ProviderTarget target, String machineName, String volumeName);

	/**
	 * Copies a local file into the target's storage pool as the volume {@code name} (raw bytes, streamed: the host may
	 * be remote) and verifies it: the bytes sent must hash to {@code sha256}, the volume must have the file's size
	 * afterwards, and where the host can stream a volume back it is read back and hashed again. An existing volume
	 * with that name is verified the same way and replaced if it differs (where it cannot be read back, it is
	 * overwritten). Runs within the adapter's copy timeout.
	 *
	 * @param format the file's format as the volume should record it ({@code qcow2} or {@code raw}).
	 * @param sha256 the file's expected SHA-256, 64 lower-case hex digits.
	 * @return the volume, with its path on the host.
	 * @throws ProviderFailureException the file does not match {@code sha256} or its size, or the host refused.
	 */
	VolumeInfo importVolume(ProviderTarget target, String name, String format, long sizeBytes, Path file,
			String sha256);

	/** Deletes a volume; a missing volume (or storage pool) is not an error. */
	void deleteVolume(ProviderTarget target, String volumeName);

	/** What the host holds: every machine with its state, for inventory and reconciliation. */
	List<MachineInfo> listMachines(ProviderTarget target);

	/**
	 * The guest's addresses as its host hands them out: the DHCP leases of the provider's own networks (libvirt: the
	 * leases of a libvirt network's dnsmasq, as {@code virsh domifaddr --source lease}). Empty when the host has none
	 * for it: a stopped machine, a guest that has no lease yet, or networking whose addresses the host does not hand
	 * out (user-mode, a bridge to an outside DHCP server).
	 *
	 * @throws MachineNotFoundException if the machine does not exist.
	 */
	List<String> machineAddresses(ProviderTarget target, String machineName);

	/**
	 * Every volume in the target's storage pool (Skyport's and any other), for inventory and reconciliation. A volume
	 * deleted while the list is read is left out.
	 */
	List<VolumeInfo> listVolumes(ProviderTarget target);

	/**
	 * The counters of those of the named machines that are running, read in one visit to the host (machines that are
	 * missing or not running are left out).
	 */
	List<MachineCounters> machineCounters(ProviderTarget target, Collection<String> machineNames);

	/**
	 * The tail of the machine's serial console log, at most {@code maxBytes}, as UTF-8 text; empty if nothing was
	 * written yet. Works for remote hosts as {@link #readConsole} does.
	 */
	String consoleOutput(ProviderTarget target, String machineName, int maxBytes);

	/**
	 * Reads the machine's serial console log as the host keeps it, from byte {@code offset} on: at most
	 * {@code maxBytes} bytes, and the log's size now. Reads through the provider's own connection, so it works for
	 * remote hosts. A log not written yet reads as {@link ConsoleRead#EMPTY}; an {@code offset} at or past the end
	 * gives no bytes (a size below {@code offset} means the log was rotated or truncated since).
	 *
	 * @throws MachineNotFoundException if the machine does not exist.
	 * @throws IllegalArgumentException if {@code offset} is negative or {@code maxBytes} not positive.
	 */
	ConsoleRead readConsole(ProviderTarget target, String machineName, long offset, int maxBytes);

	/** The provider's own description of the machine (for libvirt the domain XML), for operators. */
	String machineDefinition(ProviderTarget target, String machineName);
}
