package io.skyport.compute.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What the adapter reads from a domain XML that libvirt returned, and the edits it makes to one (for drivers that
 * cannot hot-plug disks, a disk is added to or removed from the persistent definition instead).
 */
final class DomainDescription {

	/** A disk device: its target ({@code vda}), its source file or device (empty for none) and its own XML. */
	record DiskDevice(String target, String source, String xml) {
	}

	private final Document document;

	private final Element devices;

	private DomainDescription(Document document) {
		this.document = document;
		Element found = XmlDocuments.first(document.getDocumentElement(), "devices");
		this.devices = found != null ? found : XmlDocuments.child(document.getDocumentElement(), "devices");
	}

	static DomainDescription parse(String xml) {
		return new DomainDescription(XmlDocuments.parse(xml));
	}

	List<DiskDevice> disks() {
		List<DiskDevice> disks = new ArrayList<>();
		for (Element disk : XmlDocuments.children(devices, "disk")) {
			if (!"disk".equals(disk.getAttribute("device")) && !disk.getAttribute("device").isEmpty()) {
				continue;
			}
			Element target = XmlDocuments.first(disk, "target");
			Element source = XmlDocuments.first(disk, "source");
			String dev = target == null ? "" : target.getAttribute("dev");
			disks.add(new DiskDevice(dev, source == null ? "" : sourceOf(source), XmlDocuments.write(disk)));
		}
		return disks;
	}

	/** The disk whose source is {@code path}, if any. */
	Optional<DiskDevice> diskWithSource(String path) {
		return disks().stream().filter(disk -> disk.source().equals(path)).findFirst();
	}

	/** The first free virtio disk name after those in use ({@code vdb}, {@code vdc}, …). */
	String nextFreeTarget(Set<String> alsoTaken) {
		Set<String> taken = disks().stream().map(DiskDevice::target).collect(Collectors.toSet());
		for (char letter = 'a'; letter <= 'z'; letter++) {
			String name = "vd" + letter;
			if (!taken.contains(name) && !alsoTaken.contains(name)) {
				return name;
			}
		}
		throw new IllegalStateException("The machine has no free virtio disk name left.");
	}

	/** The file the first serial port writes to, if it is a file. */
	Optional<String> consoleLog() {
		for (Element serial : XmlDocuments.children(devices, "serial")) {
			Element source = XmlDocuments.first(serial, "source");
			if ("file".equals(serial.getAttribute("type")) && source != null && !source.getAttribute("path").isEmpty()) {
				return Optional.of(source.getAttribute("path"));
			}
		}
		return Optional.empty();
	}

	/** The host-side device names of the network interfaces (present while the domain runs). */
	List<String> interfaceTargets() {
		List<String> targets = new ArrayList<>();
		for (Element nic : XmlDocuments.children(devices, "interface")) {
			Element target = XmlDocuments.first(nic, "target");
			if (target != null && !target.getAttribute("dev").isEmpty()) {
				targets.add(target.getAttribute("dev"));
			}
		}
		return targets;
	}

	/** This definition with one more device (given as its XML). */
	String withDevice(String deviceXml) {
		Element device = XmlDocuments.parse(deviceXml).getDocumentElement();
		devices.appendChild(document.importNode(device, true));
		return XmlDocuments.write(document);
	}

	/** This definition without the disk on {@code target}. */
	String withoutDisk(String target) {
		for (Element disk : XmlDocuments.children(devices, "disk")) {
			Element element = XmlDocuments.first(disk, "target");
			if (element != null && element.getAttribute("dev").equals(target)) {
				devices.removeChild(disk);
			}
		}
		return XmlDocuments.write(document);
	}

	private static String sourceOf(Element source) {
		for (String attribute : new String[] { "file", "dev", "volume", "name" }) {
			@Nullable String value = source.getAttribute(attribute);
			if (!value.isEmpty()) {
				return value;
			}
		}
		return "";
	}
}
