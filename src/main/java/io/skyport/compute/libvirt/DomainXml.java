package io.skyport.compute.libvirt;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.skyport.compute.provider.MachineSpec;
import io.skyport.compute.provider.NetworkAttachment;
import io.skyport.compute.provider.VirtType;

/**
 * Builds the libvirt domain XML of a machine with the DOM, so every value is escaped, after checking the inputs.
 * <p>
 * The domain: {@code <domain type='kvm|qemu'>} from the node's virt type; name and UUID from the spec; vCPUs; memory
 * in MiB; {@code hvm} booting from the first disk; the SMBIOS system serial from {@link MachineSpec#smbiosSerial()}
 * ({@code <os><smbios mode='sysinfo'/>} plus {@code <sysinfo type='smbios'>}), which carries the NoCloud seed to
 * cloud-init; ACPI and APIC (so a stop can ask the guest to shut down); the root disk as {@code vda} and the optional
 * data disk as {@code vdb}, both virtio; one virtio network interface as the node is configured ({@code user},
 * {@code network} or {@code bridge}); a virtio RNG (guests need entropy early for SSH host keys); the first serial port
 * written to a log file, with the console on it; powering off or crashing ends the domain, a reboot restarts it.
 * <p>
 * <b>Console logs.</b> The serial port writes {@code <console-log-dir>/<machine>.log} on the host (the directory is
 * {@code skyport.compute.libvirt.console-log-dir}, or per node {@code console-log-dirs.<node>}), appending
 * ({@code append='on'}: a restart of the machine continues the log instead of truncating it; virtlogd rotates it).
 * Skyport reads it back through libvirt, local and remote hosts alike ({@link ConsoleVolumes}: the directory becomes a
 * storage pool, which libvirt creates if it is missing). The test driver starts no guest and writes nothing; there a
 * simulated guest may write the file on this machine, which is read directly ({@link ConsoleLogs}).
 */
final class DomainXml {

	/** A disk image on the host: a file or a block device, and its format ({@code qcow2}, {@code raw}). */
	record Disk(String path, boolean block, String format) {

		Disk {
			if (!path.startsWith("/")) {
				throw new IllegalArgumentException("A disk path must be absolute: '" + path + "'.");
			}
			if (!format.matches("[a-z0-9]+")) {
				throw new IllegalArgumentException("'" + format + "' is not a disk format.");
			}
		}
	}

	/**
	 * Direct kernel boot: the paths on the host of the kernel and the optional initrd, and the kernel command line.
	 */
	record Kernel(String kernel, @Nullable String initrd, String cmdline) {

		Kernel {
			checkBootPath(kernel, "kernel");
			if (initrd != null) {
				checkBootPath(initrd, "initrd");
			}
			checkCmdline(cmdline);
		}
	}

	/** The longest kernel command line accepted (x86's limit is 2048 bytes with the terminating NUL). */
	static final int MAX_CMDLINE = 2047;

	private static final int MAX_SERIAL = 1024;

	private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

	private DomainXml() {
	}

	/**
	 * The domain XML of a new machine.
	 *
	 * @throws IllegalArgumentException a name, size or the SMBIOS serial is not acceptable; the message says which.
	 */
	static String domain(MachineSpec spec, VirtType virtType, NetworkAttachment network, Disk root, @Nullable Disk data,
			Path consoleLog) {
		return domain(spec, virtType, network, root, data, consoleLog, null);
	}

	/**
	 * The domain XML of a new machine, booting {@code kernel} directly if given ({@code <os><kernel>}, {@code <initrd>},
	 * {@code <cmdline>}; the root disk is then only the root file system) and from the root disk otherwise.
	 *
	 * @throws IllegalArgumentException a name, size, path, the command line or the SMBIOS serial is not acceptable.
	 */
	static String domain(MachineSpec spec, VirtType virtType, NetworkAttachment network, Disk root, @Nullable Disk data,
			Path consoleLog, @Nullable Kernel kernel) {
		check(spec, network, consoleLog);
		Document document = XmlDocuments.newDocument();
		Element domain = XmlDocuments.child(document, "domain", "type", virtType.name().toLowerCase(Locale.ROOT));
		XmlDocuments.text(domain, "name", spec.name());
		XmlDocuments.text(domain, "uuid", spec.uuid().toString());
		XmlDocuments.text(domain, "memory", Long.toString(spec.memoryMib()), "unit", "MiB");
		XmlDocuments.text(domain, "vcpu", Integer.toString(spec.vcpus()));

		Element sysinfo = XmlDocuments.child(domain, "sysinfo", "type", "smbios");
		Element system = XmlDocuments.child(sysinfo, "system");
		XmlDocuments.text(system, "entry", spec.smbiosSerial(), "name", "serial");

		Element os = XmlDocuments.child(domain, "os");
		XmlDocuments.text(os, "type", "hvm");
		if (kernel == null) {
			XmlDocuments.child(os, "boot", "dev", "hd");
		}
		else {
			XmlDocuments.text(os, "kernel", kernel.kernel());
			if (kernel.initrd() != null) {
				XmlDocuments.text(os, "initrd", kernel.initrd());
			}
			XmlDocuments.text(os, "cmdline", kernel.cmdline());
		}
		XmlDocuments.child(os, "smbios", "mode", "sysinfo");

		Element features = XmlDocuments.child(domain, "features");
		XmlDocuments.child(features, "acpi");
		XmlDocuments.child(features, "apic");

		XmlDocuments.child(domain, "clock", "offset", "utc");
		XmlDocuments.text(domain, "on_poweroff", "destroy");
		XmlDocuments.text(domain, "on_reboot", "restart");
		XmlDocuments.text(domain, "on_crash", "destroy");

		Element devices = XmlDocuments.child(domain, "devices");
		devices.appendChild(diskElement(document, root, "vda"));
		if (data != null) {
			devices.appendChild(diskElement(document, data, "vdb"));
		}
		appendInterface(devices, network);
		String log = consoleLog.toString();
		Element serial = XmlDocuments.child(devices, "serial", "type", "file");
		XmlDocuments.child(serial, "source", "path", log, "append", "on");
		XmlDocuments.child(serial, "target", "port", "0");
		Element console = XmlDocuments.child(devices, "console", "type", "file");
		XmlDocuments.child(console, "source", "path", log, "append", "on");
		XmlDocuments.child(console, "target", "type", "serial", "port", "0");
		Element rng = XmlDocuments.child(devices, "rng", "model", "virtio");
		XmlDocuments.text(rng, "backend", "/dev/urandom", "model", "random");
		return XmlDocuments.write(document);
	}

	/**
	 * Checks what {@link #domain} needs of the spec, so a bad spec is refused before any volume is made.
	 *
	 * @throws IllegalArgumentException with a message that says what is wrong.
	 */
	static void check(MachineSpec spec, NetworkAttachment network, Path consoleLog) {
		LibvirtNames.machine(spec.name());
		if (spec.vcpus() < 1) {
			throw new IllegalArgumentException("A machine needs at least one vCPU, not " + spec.vcpus() + ".");
		}
		if (spec.memoryMib() < 1) {
			throw new IllegalArgumentException("A machine needs memory, not " + spec.memoryMib() + " MiB.");
		}
		if (spec.rootDiskGib() < 1) {
			throw new IllegalArgumentException("Disks need at least 1 GiB.");
		}
		if (spec.imageSource().isBlank()) {
			throw new IllegalArgumentException("A machine needs an image.");
		}
		checkSerial(spec.smbiosSerial());
		if (spec.kernelBoot() != null) {
			checkCmdline(spec.kernelBoot().cmdline());
		}
		if (network.source() != null && !DEVICE_NAME.matcher(network.source()).matches()) {
			throw new IllegalArgumentException("'" + network.source() + "' is not a valid " + network.mode().name()
				.toLowerCase(Locale.ROOT) + " name: use 1-64 letters, digits, '.', '_', ':' or '-'.");
		}
		if (!consoleLog.isAbsolute()) {
			throw new IllegalArgumentException("The console log path must be absolute: '" + consoleLog + "'.");
		}
	}

	/** The {@code <disk>} device XML of a volume attached as {@code targetDev} (e.g. {@code vdc}). */
	static String disk(Disk disk, String targetDev) {
		Document document = XmlDocuments.newDocument();
		document.appendChild(diskElement(document, disk, targetDev));
		return XmlDocuments.write(document);
	}

	/**
	 * The XML of a new volume in a storage pool.
	 *
	 * @param backing the image it is a copy-on-write overlay of, or {@code null} for an empty volume.
	 */
	static String volume(String name, long capacityBytes, String format, @Nullable Disk backing) {
		Document document = XmlDocuments.newDocument();
		Element volume = XmlDocuments.child(document, "volume");
		XmlDocuments.text(volume, "name", name);
		XmlDocuments.text(volume, "capacity", Long.toString(capacityBytes), "unit", "bytes");
		XmlDocuments.text(volume, "allocation", "0", "unit", "bytes");
		Element target = XmlDocuments.child(volume, "target");
		XmlDocuments.child(target, "format", "type", format);
		if (backing != null) {
			Element store = XmlDocuments.child(volume, "backingStore");
			XmlDocuments.text(store, "path", backing.path());
			XmlDocuments.child(store, "format", "type", backing.format());
		}
		return XmlDocuments.write(document);
	}

	private static Element diskElement(Document document, Disk disk, String targetDev) {
		if (!targetDev.matches("vd[a-z]{1,2}")) {
			throw new IllegalArgumentException("'" + targetDev + "' is not a virtio disk name.");
		}
		Element element = document.createElement("disk");
		element.setAttribute("type", disk.block() ? "block" : "file");
		element.setAttribute("device", "disk");
		XmlDocuments.child(element, "driver", "name", "qemu", "type", disk.format());
		XmlDocuments.child(element, "source", disk.block() ? "dev" : "file", disk.path());
		XmlDocuments.child(element, "target", "dev", targetDev, "bus", "virtio");
		return element;
	}

	private static void appendInterface(Element devices, NetworkAttachment network) {
		Element element = switch (network.mode()) {
			case USER -> XmlDocuments.child(devices, "interface", "type", "user");
			case NETWORK -> {
				Element nic = XmlDocuments.child(devices, "interface", "type", "network");
				XmlDocuments.child(nic, "source", "network", String.valueOf(network.source()));
				yield nic;
			}
			case BRIDGE -> {
				Element nic = XmlDocuments.child(devices, "interface", "type", "bridge");
				XmlDocuments.child(nic, "source", "bridge", String.valueOf(network.source()));
				yield nic;
			}
		};
		XmlDocuments.child(element, "model", "type", "virtio");
	}

	/**
	 * The kernel command line is passed as it is: it must fit the kernel's limit and cannot carry control characters
	 * (XML 1.0 cannot hold most of them, and a line break would end it early).
	 */
	static void checkCmdline(String cmdline) {
		if (cmdline.length() > MAX_CMDLINE) {
			throw new IllegalArgumentException("The kernel command line must have at most " + MAX_CMDLINE
					+ " characters.");
		}
		if (cmdline.codePoints().anyMatch(c -> Character.isISOControl(c) || c > 0x7e)) {
			throw new IllegalArgumentException("The kernel command line must be printable ASCII without control "
					+ "characters.");
		}
	}

	private static void checkBootPath(String path, String what) {
		if (!path.startsWith("/") || path.length() > 4096
				|| path.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
			throw new IllegalArgumentException("The " + what + " must be an absolute path without spaces or control "
					+ "characters: '" + path + "'.");
		}
	}

	/**
	 * cloud-init reads the serial like a kernel command line, so it must not contain whitespace; control characters
	 * cannot be carried in XML 1.0 at all.
	 */
	private static void checkSerial(String serial) {
		if (serial.isEmpty() || serial.length() > MAX_SERIAL) {
			throw new IllegalArgumentException("The SMBIOS serial must have 1-" + MAX_SERIAL + " characters.");
		}
		if (serial.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
			throw new IllegalArgumentException(
					"The SMBIOS serial must not contain spaces or control characters (cloud-init splits it at spaces).");
		}
	}
}
