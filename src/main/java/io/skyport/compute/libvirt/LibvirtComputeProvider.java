package io.skyport.compute.libvirt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Domain.DeviceModifyFlags;
import org.libvirt.Domain.XMLFlags;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.libvirt.StoragePool;
import org.libvirt.StoragePoolInfo;
import org.libvirt.StorageVol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.skyport.compute.libvirt.DomainDescription.DiskDevice;
import io.skyport.compute.provider.ComputeProvider;
import io.skyport.compute.provider.ConsoleRead;
import io.skyport.compute.provider.HostReport;
import io.skyport.compute.provider.MachineCounters;
import io.skyport.compute.provider.MachineInfo;
import io.skyport.compute.provider.MachineNotFoundException;
import io.skyport.compute.provider.MachineSpec;
import io.skyport.compute.provider.NetworkAttachment;
import io.skyport.compute.provider.ProviderAvailability;
import io.skyport.compute.provider.ProviderFailureException;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.compute.provider.ProviderUnavailableException;
import io.skyport.compute.provider.VolumeInfo;
import io.skyport.compute.provider.VolumeSpec;

/**
 * The {@link ComputeProvider} for libvirt hosts, through libvirt-java. Every call goes through {@link NodeConnections}
 * (a pooled connection per node, its own threads, connect and call timeouts, reconnection with backoff) and its
 * failures are mapped by {@link LibvirtErrors}; the domain XML comes from {@link DomainXml}.
 * <p>
 * What this adapter adds to the port's contract:
 * <ul>
 * <li>Names: 1–64 characters of {@code A-Z a-z 0-9 . _ -}; others are refused with {@link IllegalArgumentException}
 * before the host is asked. {@code createMachine} names the root volume {@code <machine>-root}
 * in the target's storage pool and {@code destroyMachine} deletes it; data volumes (by convention
 * {@code <machine>-data}) are made with {@code createVolume} and deleted with {@code deleteVolume}.</li>
 * <li>Root volumes are qcow2 overlays backed by the image ({@code pool/volume}, an absolute path, or a volume of the
 * target's pool), so creating one is instant. Where the pool cannot make backed volumes, the image is copied instead
 * (within {@code skyport.compute.libvirt.copy-timeout}). On libvirt's test driver, which has no images, a missing image
 * gives an empty root volume; on any other host it is a {@link ProviderFailureException}.</li>
 * <li>Attaching and detaching change the running machine and its persistent definition. Drivers that cannot hot-plug
 * (the test driver) get the persistent definition changed, effective at the next start.</li>
 * <li>{@code deleteVolume} refuses a volume that a machine on the host still uses.</li>
 * <li>{@code machineDefinition} is the persistent domain XML: what the machine boots with next.</li>
 * <li>{@code consoleOutput}: see {@link DomainXml} for where console logs are written and when they can be read.</li>
 * </ul>
 */
@Component
class LibvirtComputeProvider implements ComputeProvider {

	private static final Logger log = LoggerFactory.getLogger(LibvirtComputeProvider.class);

	private static final long MIB = 1L << 20;

	private static final Duration FIRST_POLL = Duration.ofMillis(100);

	private static final Duration LONGEST_POLL = Duration.ofSeconds(2);

	private final NodeConnections connections;

	private final LibvirtProperties properties;

	private final ConcurrentMap<String, ReentrantLock> importLocks = new ConcurrentHashMap<>();
	private final DomainCounters domainCounters = new DomainCounters();

	private final ConsoleVolumes consoleVolumes = new ConsoleVolumes();

	LibvirtComputeProvider(NodeConnections connections) {
		this.connections = connections;
		this.properties = connections.properties();
	}

	@Override
	public ProviderAvailability availability() {
		return connections.availability();
	}

	@Override
	public HostReport probe(ProviderTarget target) {
		return connections.call(target, "probe the host", c -> {
			NodeInfo node = c.nodeInfo();
			StoragePoolInfo pool = StorageVolumes.pool(c, target.storagePool()).getInfo();
			return new HostReport(c.getType(), c.getVersion(), c.getLibVersion(), node.cpus, node.memory / 1024,
					c.getFreeMemory() / MIB, pool.capacity / StorageVolumes.GIB, pool.available / StorageVolumes.GIB,
					c.numOfDomains() + c.numOfDefinedDomains());
		});
	}

	@Override
	public MachineInfo createMachine(ProviderTarget target, MachineSpec spec) {
		String name = spec.name();
		Path consoleLog = consoleLog(target, name);
		DomainXml.check(spec, target.network(), consoleLog);
		String action = "create machine '" + name + "'";

		Optional<MachineInfo> existing = connections.call(target, action, c -> {
			Domain domain = Domains.find(c, name);
			return domain == null ? Optional.empty() : Optional.of(Domains.machineInfo(domain));
		});
		if (existing.isPresent()) {
			return existing.get();
		}

		LibvirtUri uri = NodeConnections.uri(target);
		DomainXml.Disk root = connections.call(target, action, c -> rootVolume(c, target, spec, uri.isTestDriver()));
		if (root == null) {
			root = connections.call(target, action, properties.copyTimeout(), c -> copiedRootVolume(c, target, spec));
		}
		if (uri.isLocal() && !uri.isTestDriver() && !ConsoleLogs.prepare(consoleLog.getParent())) {
			log.warn("The console log directory {} of node {} does not exist and Skyport cannot create it; "
					+ "machines there will not start until it does.", consoleLog.getParent(), target.name());
		}
		DomainXml.Kernel kernel = spec.kernelBoot() == null ? null
				: connections.call(target, action, c -> kernel(c, target, spec));
		String xml = DomainXml.domain(spec, target.virtType(), target.network(), root, null, consoleLog, kernel);
		MachineInfo created = connections.call(target, action, c -> {
			Domain domain = Domains.find(c, name);
			if (domain == null) {
				domain = c.domainDefineXML(xml);
			}
			return Domains.machineInfo(domain);
		});
		log.info("Defined machine {} on node {}", name, connections.label(target));
		return created;
	}

	@Override
	public void startMachine(ProviderTarget target, String machineName) {
		String name = LibvirtNames.machine(machineName);
		run(target, "start machine '" + name + "'", c -> Domains.startIfStopped(c.domainLookupByName(name)));
	}

	@Override
	public void stopMachine(ProviderTarget target, String machineName, Duration gracePeriod) {
		String name = LibvirtNames.machine(machineName);
		String action = "stop machine '" + name + "'";
		boolean shuttingDown = connections.call(target, action, c -> {
			Domain domain = c.domainLookupByName(name);
			if (domain.isActive() != 1) {
				return false;
			}
			DomainState state = domain.getInfo().state;
			if (state == DomainState.VIR_DOMAIN_PAUSED || state == DomainState.VIR_DOMAIN_PMSUSPENDED) {
				Domains.powerOff(domain);
				return false;
			}
			try {
				domain.shutdown();
				return true;
			}
			catch (LibvirtException e) {
				if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_OPERATION_INVALID) && domain.isActive() != 1) {
					return false;
				}
				throw e;
			}
		});
		if (!shuttingDown || stoppedWithin(target, name, gracePeriod, action)) {
			return;
		}
		run(target, action, c -> Domains.powerOff(c.domainLookupByName(name)));
		log.info("Machine {} on node {} did not shut down within {}; it was powered off.", name,
				connections.label(target), gracePeriod);
	}

	@Override
	public void rebootMachine(ProviderTarget target, String machineName) {
		String name = LibvirtNames.machine(machineName);
		String action = "reboot machine '" + name + "'";
		run(target, action, c -> {
			Domain domain = c.domainLookupByName(name);
			if (domain.isActive() != 1) {
				throw new ProviderFailureException(
						"Cannot " + action + " on node " + connections.label(target) + ": it is not running.");
			}
			domain.reboot(0);
		});
	}

	@Override
	public void destroyMachine(ProviderTarget target, String machineName) {
		String name = LibvirtNames.machine(machineName);
		run(target, "destroy machine '" + name + "'", c -> {
			Domain domain = Domains.find(c, name);
			if (domain != null) {
				Domains.powerOff(domain);
				Domains.undefine(domain);
			}
			StoragePool pool = StorageVolumes.findPool(c, target.storagePool());
			StorageVol root = pool == null ? null : StorageVolumes.find(pool, LibvirtNames.rootVolume(name));
			if (root != null) {
				root.delete(0);
			}
		});
		log.info("Destroyed machine {} on node {}", name, connections.label(target));
	}

	@Override
	public VolumeInfo createVolume(ProviderTarget target, VolumeSpec spec) {
		String name = LibvirtNames.volume(spec.name());
		if (spec.sizeGib() < 1) {
			throw new IllegalArgumentException("A volume needs at least 1 GiB, not " + spec.sizeGib() + ".");
		}
		return connections.call(target, "create volume '" + name + "'", c -> StorageVolumes.info(StorageVolumes
			.ensureEmpty(StorageVolumes.pool(c, target.storagePool()), name, spec.sizeGib() * StorageVolumes.GIB)));
	}

	@Override
	public VolumeInfo importVolume(ProviderTarget target, String name, String format, long sizeBytes, Path file,
			String sha256) {
		String volume = LibvirtNames.volume(name);
		if (!format.matches("[a-z0-9]+")) {
			throw new IllegalArgumentException("'" + format + "' is not a volume format.");
		}
		if (sizeBytes < 1) {
			throw new IllegalArgumentException("A volume needs at least one byte, not " + sizeBytes + ".");
		}
		if (!sha256.matches("[0-9a-f]{64}")) {
			throw new IllegalArgumentException("'" + sha256 + "' is not a SHA-256 in lower-case hex.");
		}
		// Volumes are named by content, so two images sharing a file (a kernel) copy the same volume: one at a time.
		ReentrantLock lock = importLocks.computeIfAbsent(target.uri() + "|" + target.storagePool() + "|" + volume,
				key -> new ReentrantLock());
		lock.lock();
		try {
			return connections.call(target, "copy volume '" + volume + "'", properties.copyTimeout(),
					c -> VolumeImports.importFile(c, StorageVolumes.pool(c, target.storagePool()), volume, format,
							sizeBytes, file, sha256, connections.label(target), NodeConnections.uri(target).isTestDriver()));
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	public void attachVolume(ProviderTarget target, String machineName, String volumeName) {
		String machine = LibvirtNames.machine(machineName);
		String volume = LibvirtNames.volume(volumeName);
		run(target, "attach volume '" + volume + "' to machine '" + machine + "'", c -> {
			Domain domain = c.domainLookupByName(machine);
			DomainXml.Disk disk = StorageVolumes
				.disk(StorageVolumes.pool(c, target.storagePool()).storageVolLookupByName(volume));
			boolean active = domain.isActive() == 1;
			DomainDescription config = DomainDescription.parse(domain.getXMLDesc(XMLFlags.INACTIVE));
			DomainDescription live = active ? DomainDescription.parse(domain.getXMLDesc(0)) : null;
			Optional<DiskDevice> configured = config.diskWithSource(disk.path());
			boolean plugged = live != null && live.diskWithSource(disk.path()).isPresent();
			if (configured.isPresent() && (live == null || plugged)) {
				return;
			}
			Set<String> liveTargets = live == null ? Set.of() : targets(live);
			String targetDev = configured.map(DiskDevice::target).orElseGet(() -> config.nextFreeTarget(liveTargets));
			String device = DomainXml.disk(disk, targetDev);
			int flags = (configured.isEmpty() ? DeviceModifyFlags.CONFIG : 0)
					| (active && !plugged ? DeviceModifyFlags.LIVE : 0);
			try {
				domain.attachDeviceFlags(device, flags);
			}
			catch (LibvirtException e) {
				if (!LibvirtErrors.unsupported(e)) {
					throw e;
				}
				if (configured.isEmpty()) {
					c.domainDefineXML(config.withDevice(device));
				}
			}
		});
	}

	@Override
	public void detachVolume(ProviderTarget target, String machineName, String volumeName) {
		String machine = LibvirtNames.machine(machineName);
		String volume = LibvirtNames.volume(volumeName);
		if (volume.equals(LibvirtNames.rootVolume(machine))) {
			throw new IllegalArgumentException("The root volume of machine '" + machine + "' cannot be detached.");
		}
		run(target, "detach volume '" + volume + "' from machine '" + machine + "'", c -> {
			Domain domain = c.domainLookupByName(machine);
			StorageVol found = StorageVolumes.find(StorageVolumes.pool(c, target.storagePool()), volume);
			if (found == null) {
				return;
			}
			String path = found.getPath();
			Optional<DiskDevice> configured = DomainDescription.parse(domain.getXMLDesc(XMLFlags.INACTIVE))
				.diskWithSource(path);
			Optional<DiskDevice> plugged = domain.isActive() == 1
					? DomainDescription.parse(domain.getXMLDesc(0)).diskWithSource(path) : Optional.empty();
			if (configured.isEmpty() && plugged.isEmpty()) {
				return;
			}
			String device = configured.or(() -> plugged).orElseThrow().xml();
			int flags = (configured.isPresent() ? DeviceModifyFlags.CONFIG : 0)
					| (plugged.isPresent() ? DeviceModifyFlags.LIVE : 0);
			try {
				domain.detachDeviceFlags(device, flags);
			}
			catch (LibvirtException e) {
				if (!LibvirtErrors.unsupported(e)) {
					throw e;
				}
				if (configured.isPresent()) {
					c.domainDefineXML(DomainDescription.parse(domain.getXMLDesc(XMLFlags.INACTIVE))
						.withoutDisk(configured.get().target()));
				}
			}
		});
	}

	@Override
	public void deleteVolume(ProviderTarget target, String volumeName) {
		String volume = LibvirtNames.volume(volumeName);
		String action = "delete volume '" + volume + "'";
		run(target, action, c -> {
			StoragePool pool = StorageVolumes.findPool(c, target.storagePool());
			StorageVol found = pool == null ? null : StorageVolumes.find(pool, volume);
			if (found == null) {
				return;
			}
			String user = Domains.userOf(c, found.getPath());
			if (user != null) {
				throw new ProviderFailureException("Cannot " + action + " on node " + connections.label(target)
						+ ": machine '" + user + "' uses it; detach it first.");
			}
			found.delete(0);
		});
	}

	@Override
	public List<MachineInfo> listMachines(ProviderTarget target) {
		return connections.call(target, "list machines", c -> {
			List<MachineInfo> machines = new ArrayList<>();
			for (Domain domain : c.listAllDomains(0)) {
				try {
					machines.add(Domains.machineInfo(domain));
				}
				catch (LibvirtException e) {
					if (!LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_DOMAIN)) {
						throw e;
					}
				}
			}
			return List.copyOf(machines);
		});
	}

	/**
	 * Only interfaces on a libvirt network have leases; for the node's user-mode and bridge attachments the answer is
	 * empty once the machine is found (libvirt's test driver would invent addresses for them).
	 */
	@Override
	public List<String> machineAddresses(ProviderTarget target, String machineName) {
		String name = LibvirtNames.machine(machineName);
		boolean leases = target.network().mode() == NetworkAttachment.Mode.NETWORK;
		return connections.call(target, "read the addresses of machine '" + name + "'", c -> {
			Domain domain = c.domainLookupByName(name);
			return leases && domain.isActive() == 1 ? Domains.addresses(domain) : List.of();
		});
	}

	@Override
	public List<VolumeInfo> listVolumes(ProviderTarget target) {
		return connections.call(target, "list volumes", c -> {
			StoragePool pool = StorageVolumes.pool(c, target.storagePool());
			List<VolumeInfo> volumes = new ArrayList<>();
			for (String name : pool.listVolumes()) {
				StorageVol volume = StorageVolumes.find(pool, name);
				if (volume != null) {
					volumes.add(StorageVolumes.info(volume));
				}
			}
			return List.copyOf(volumes);
		});
	}

	@Override
	public List<MachineCounters> machineCounters(ProviderTarget target, Collection<String> machineNames) {
		List<String> names = machineNames.stream().map(LibvirtNames::machine).toList();
		return connections.call(target, "read the counters of " + names.size() + " machines",
				c -> domainCounters.read(c, target.uri(), names));
	}

	@Override
	public String consoleOutput(ProviderTarget target, String machineName, int maxBytes) {
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes + ".");
		}
		String name = LibvirtNames.machine(machineName);
		return connections.call(target, "read the console of machine '" + name + "'", c -> {
			ConsoleRead size = console(c, target, name, Long.MAX_VALUE, 1);
			long from = Math.max(0, size.size() - maxBytes);
			return ConsoleLogs.text(console(c, target, name, from, maxBytes), from > 0);
		});
	}

	@Override
	public ConsoleRead readConsole(ProviderTarget target, String machineName, long offset, int maxBytes) {
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes + ".");
		}
		if (offset < 0) {
			throw new IllegalArgumentException("offset must not be negative, not " + offset + ".");
		}
		String name = LibvirtNames.machine(machineName);
		return connections.call(target, "read the console of machine '" + name + "'",
				c -> console(c, target, name, offset, maxBytes));
	}

	/**
	 * The test driver's host is this process, so its logs (which only a simulated guest writes) are local files; every
	 * other host's are read through libvirt by {@link ConsoleVolumes}, local or remote alike.
	 */
	private ConsoleRead console(Connect c, ProviderTarget target, String name, long offset, int maxBytes)
			throws LibvirtException {
		String file = DomainDescription.parse(c.domainLookupByName(name).getXMLDesc(XMLFlags.INACTIVE))
			.consoleLog()
			.orElse("");
		if (file.isEmpty()) {
			return ConsoleRead.EMPTY;
		}
		if (NodeConnections.uri(target).isTestDriver()) {
			return ConsoleLogs.read(Path.of(file), offset, maxBytes, name);
		}
		return consoleVolumes.read(c, target.uri(), file, offset, maxBytes, connections.label(target));
	}

	@Override
	public String machineDefinition(ProviderTarget target, String machineName) {
		String name = LibvirtNames.machine(machineName);
		return connections.call(target, "read the definition of machine '" + name + "'",
				c -> c.domainLookupByName(name).getXMLDesc(XMLFlags.INACTIVE));
	}

	/** Finds the image and creates the root volume backed by it; {@code null} if the image must be copied instead. */
	private DomainXml.@Nullable Disk rootVolume(Connect c, ProviderTarget target, MachineSpec spec, boolean testDriver)
			throws LibvirtException {
		StoragePool pool = StorageVolumes.pool(c, target.storagePool());
		String name = LibvirtNames.rootVolume(spec.name());
		StorageVol existing = StorageVolumes.find(pool, name);
		if (existing != null) {
			return StorageVolumes.disk(existing);
		}
		long capacity = spec.rootDiskGib() * StorageVolumes.GIB;
		StringBuilder why = new StringBuilder();
		StorageVolumes.Image image = StorageVolumes.image(c, pool, spec.imageSource(), why);
		if (image == null) {
			if (!testDriver) {
				throw new ProviderFailureException("Cannot create machine '" + spec.name() + "' on node "
						+ connections.label(target) + ": image '" + spec.imageSource() + "' not found (" + why + ").");
			}
			return StorageVolumes.disk(pool.storageVolCreateXML(DomainXml.volume(name, capacity, "qcow2", null), 0));
		}
		if (image.capacityBytes() > capacity) {
			throw new ProviderFailureException("Cannot create machine '" + spec.name() + "' on node "
					+ connections.label(target) + ": image '" + spec.imageSource() + "' needs "
					+ divideRoundingUp(image.capacityBytes(), StorageVolumes.GIB) + " GiB, the root disk has "
					+ spec.rootDiskGib() + " GiB.");
		}
		DomainXml.Disk backing = spec.imageFormat() == null ? image.disk()
				: new DomainXml.Disk(image.disk().path(), image.disk().block(), spec.imageFormat());
		try {
			String xml = DomainXml.volume(name, capacity, "qcow2", backing);
			return StorageVolumes.disk(pool.storageVolCreateXML(xml, 0));
		}
		catch (LibvirtException e) {
			if (!LibvirtErrors.unsupported(e) || image.volume() == null) {
				throw e;
			}
			log.info("Storage pool {} of node {} cannot make volumes backed by an image ({}); copying {} instead.",
					target.storagePool(), target.name(), LibvirtErrors.message(e), spec.imageSource());
			return null;
		}
	}

	/** The paths on the host of the kernel and initrd the machine boots directly. */
	private DomainXml.Kernel kernel(Connect c, ProviderTarget target, MachineSpec spec) throws LibvirtException {
		MachineSpec.KernelBoot boot = java.util.Objects.requireNonNull(spec.kernelBoot());
		StoragePool pool = StorageVolumes.pool(c, target.storagePool());
		String initrd = boot.initrd();
		return new DomainXml.Kernel(bootFile(c, pool, target, spec, boot.kernel(), "kernel"),
				initrd == null ? null : bootFile(c, pool, target, spec, initrd, "initrd"), boot.cmdline());
	}

	private String bootFile(Connect c, StoragePool pool, ProviderTarget target, MachineSpec spec, String source,
			String what) throws LibvirtException {
		StringBuilder why = new StringBuilder();
		StorageVolumes.Image file = StorageVolumes.image(c, pool, source, why);
		if (file == null) {
			throw new ProviderFailureException("Cannot create machine '" + spec.name() + "' on node "
					+ connections.label(target) + ": its " + what + " '" + source + "' was not found (" + why + ").");
		}
		return file.disk().path();
	}

	/** The root volume as a full copy of the image, for pools that cannot back a volume by another. */
	private DomainXml.Disk copiedRootVolume(Connect c, ProviderTarget target, MachineSpec spec) throws LibvirtException {
		StoragePool pool = StorageVolumes.pool(c, target.storagePool());
		String name = LibvirtNames.rootVolume(spec.name());
		StorageVol existing = StorageVolumes.find(pool, name);
		if (existing != null) {
			return StorageVolumes.disk(existing);
		}
		StorageVolumes.Image image = StorageVolumes.image(c, pool, spec.imageSource(), new StringBuilder());
		if (image == null || image.volume() == null) {
			throw new ProviderFailureException("Cannot create machine '" + spec.name() + "' on node "
					+ connections.label(target) + ": image '" + spec.imageSource() + "' disappeared.");
		}
		String xml = DomainXml.volume(name, spec.rootDiskGib() * StorageVolumes.GIB, "qcow2", null);
		return StorageVolumes.disk(pool.storageVolCreateXMLFrom(xml, image.volume(), 0));
	}

	private boolean stoppedWithin(ProviderTarget target, String name, Duration gracePeriod, String action) {
		long deadline = System.nanoTime() + gracePeriod.toNanos();
		Duration pause = FIRST_POLL;
		while (true) {
			try {
				if (!connections.call(target, action, c -> c.domainLookupByName(name).isActive() == 1)) {
					return true;
				}
			}
			catch (MachineNotFoundException e) {
				return true;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			pause(Duration.ofNanos(Math.min(left, pause.toNanos())), action, target);
			pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
		}
	}

	private void pause(Duration duration, String action, ProviderTarget target) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ProviderUnavailableException("Cannot " + action + " on node " + connections.label(target)
					+ ": interrupted while waiting for the guest to shut down.");
		}
	}

	private Path consoleLog(ProviderTarget target, String machine) {
		return properties.consoleLogDir(target.name()).resolve(LibvirtNames.machine(machine) + ".log");
	}

	private void run(ProviderTarget target, String action, LibvirtWork work) {
		connections.call(target, action, c -> {
			work.run(c);
			return Boolean.TRUE;
		});
	}

	private static Set<String> targets(DomainDescription description) {
		Set<String> targets = new HashSet<>();
		description.disks().forEach(disk -> targets.add(disk.target()));
		return targets;
	}

	private static void ignoreDeviceError(LibvirtException e) throws LibvirtException {
		if (LibvirtErrors.connectionLost(e)) {
			throw e;
		}
	}

	private static long divideRoundingUp(long value, long divisor) {
		return (value + divisor - 1) / divisor;
	}

	@FunctionalInterface
	private interface LibvirtWork {

		void run(Connect connect) throws LibvirtException;
	}
}
