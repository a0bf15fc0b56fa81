package io.skyport.compute.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import io.skyport.compute.provider.MachineSpec;
import io.skyport.compute.provider.NetworkAttachment;
import io.skyport.compute.provider.NetworkAttachment.Mode;
import io.skyport.compute.provider.VirtType;

/** The domain and volume XML, checked by libvirt's own schema ({@code virt-xml-validate}). */
class DomainXmlTests {

	private static final String SERIAL = "ds=nocloud-net;s=http://10.0.2.2:8080/nocloud/4kX9f2Qa7bLmN0pR/";

	private static final DomainXml.Disk ROOT = new DomainXml.Disk("/var/lib/libvirt/images/sk-1-root", false, "qcow2");

	private static final DomainXml.Disk DATA = new DomainXml.Disk("/dev/vg0/sk-1-data", true, "raw");

	private static final Path LOG = Path.of("/var/log/skyport/consoles/sk-1.log");

	private final MachineSpec spec = new MachineSpec("sk-1", UUID.randomUUID(), 2, 1024, "default/debian-12.qcow2", 10,
			SERIAL);

	@Test
	void a_kvm_machine_with_user_networking_and_a_data_disk_validates() throws Exception {
		String xml = DomainXml.domain(spec, VirtType.KVM, NetworkAttachment.user(), ROOT, DATA, LOG);

		assertThat(VirtXmlValidate.validate(xml, "domain")).isEqualTo(VirtXmlValidate.VALID);
		Element domain = XmlDocuments.parse(xml).getDocumentElement();
		assertThat(domain.getAttribute("type")).isEqualTo("kvm");
		assertThat(text(domain, "name")).isEqualTo("sk-1");
		assertThat(text(domain, "uuid")).isEqualTo(spec.uuid().toString());
		assertThat(text(domain, "vcpu")).isEqualTo("2");
		assertThat(text(domain, "memory")).isEqualTo("1024");
		assertThat(XmlDocuments.first(domain, "memory").getAttribute("unit")).isEqualTo("MiB");
		assertThat(text(domain, "on_poweroff")).isEqualTo("destroy");
		assertThat(text(domain, "on_reboot")).isEqualTo("restart");
		assertThat(text(domain, "on_crash")).isEqualTo("destroy");
		assertThat(serial(domain)).isEqualTo(SERIAL);
		assertThat(XmlDocuments.first(XmlDocuments.first(domain, "os"), "smbios").getAttribute("mode"))
			.isEqualTo("sysinfo");
		assertThat(XmlDocuments.first(domain, "features").getElementsByTagName("acpi").getLength()).isOne();

		DomainDescription description = DomainDescription.parse(xml);
		assertThat(description.disks()).extracting(DomainDescription.DiskDevice::target, DomainDescription.DiskDevice::source)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("vda", ROOT.path()),
					org.assertj.core.groups.Tuple.tuple("vdb", DATA.path()));
		assertThat(description.consoleLog()).contains(LOG.toString());
		assertThat(xml).contains("<interface type=\"user\">").contains("<model type=\"virtio\"/>")
			.contains("<console type=\"file\">").contains("<target bus=\"virtio\" dev=\"vda\"/>");
	}

	@Test
	void qemu_machines_on_a_libvirt_network_or_a_bridge_validate() throws Exception {
		MachineSpec bare = new MachineSpec("sk-2", UUID.randomUUID(), 1, 256, "img", 10, SERIAL);

		String network = DomainXml.domain(bare, VirtType.QEMU, new NetworkAttachment(Mode.NETWORK, "default"), ROOT, null,
				LOG);
		String bridge = DomainXml.domain(bare, VirtType.QEMU, new NetworkAttachment(Mode.BRIDGE, "br0"), ROOT, null, LOG);

		assertThat(VirtXmlValidate.validate(network, "domain")).isEqualTo(VirtXmlValidate.VALID);
		assertThat(VirtXmlValidate.validate(bridge, "domain")).isEqualTo(VirtXmlValidate.VALID);
		assertThat(network).contains("<domain type=\"qemu\">").contains("<source network=\"default\"/>")
			.doesNotContain("vdb");
		assertThat(bridge).contains("<interface type=\"bridge\">").contains("<source bridge=\"br0\"/>");
	}

	@Test
	void values_are_escaped_by_the_xml_api() throws Exception {
		String serial = "ds=nocloud-net;s=http://h/nocloud/a&b<c>'d\"/";
		MachineSpec tricky = new MachineSpec("sk-3", UUID.randomUUID(), 1, 256, "img", 10, serial);

		String xml = DomainXml.domain(tricky, VirtType.QEMU, NetworkAttachment.user(), ROOT, null,
				Path.of("/var/log/a&b/sk-3.log"));

		assertThat(VirtXmlValidate.validate(xml, "domain")).isEqualTo(VirtXmlValidate.VALID);
		assertThat(xml).contains("a&amp;b&lt;c&gt;'d\"/");
		Element domain = XmlDocuments.parse(xml).getDocumentElement();
		assertThat(serial(domain)).isEqualTo(serial);
		assertThat(DomainDescription.parse(xml).consoleLog()).contains("/var/log/a&b/sk-3.log");
	}

	@Test
	void a_definition_edited_for_a_disk_still_validates() throws Exception {
		DomainDescription description = DomainDescription.parse(
				DomainXml.domain(spec, VirtType.QEMU, NetworkAttachment.user(), ROOT, null, LOG));
		String device = DomainXml.disk(new DomainXml.Disk("/pool/sk-1-extra", false, "qcow2"),
				description.nextFreeTarget(java.util.Set.of()));

		String with = description.withDevice(device);

		assertThat(VirtXmlValidate.validate(with, "domain")).isEqualTo(VirtXmlValidate.VALID);
		assertThat(DomainDescription.parse(with).diskWithSource("/pool/sk-1-extra")).get()
			.extracting(DomainDescription.DiskDevice::target).isEqualTo("vdb");
		String without = DomainDescription.parse(with).withoutDisk("vdb");
		assertThat(VirtXmlValidate.validate(without, "domain")).isEqualTo(VirtXmlValidate.VALID);
		assertThat(without).doesNotContain("sk-1-extra");
	}

	@Test
	void volume_xml_validates_with_and_without_a_backing_image() throws Exception {
		String plain = DomainXml.volume("sk-1-data", 5L << 30, "qcow2", null);
		String backed = DomainXml.volume("sk-1-root", 10L << 30, "qcow2", ROOT);

		assertThat(VirtXmlValidate.validate(plain, "storagevol")).isEqualTo(VirtXmlValidate.VALID);
		assertThat(VirtXmlValidate.validate(backed, "storagevol")).isEqualTo(VirtXmlValidate.VALID);
		assertThat(backed).contains("<path>" + ROOT.path() + "</path>");
	}

	@Test
	void bad_inputs_are_refused_with_the_reason() {
		assertThatThrownBy(() -> DomainXml.domain(withName("sk 1"), VirtType.QEMU, NetworkAttachment.user(), ROOT, null, LOG))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sk 1' is not a valid machine name");
		assertThatThrownBy(() -> DomainXml.domain(withName("sk-1/../x"), VirtType.QEMU, NetworkAttachment.user(), ROOT,
				null, LOG)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> DomainXml.domain(withSerial("ds=nocloud;\ts=x/"), VirtType.QEMU, NetworkAttachment.user(),
				ROOT, null, LOG)).hasMessageContaining("must not contain spaces or control characters");
		assertThatThrownBy(() -> DomainXml.domain(withSerial(""), VirtType.QEMU, NetworkAttachment.user(), ROOT, null, LOG))
			.hasMessageContaining("1-1024 characters");
		assertThatThrownBy(() -> DomainXml.domain(new MachineSpec("sk-1", UUID.randomUUID(), 0, 256, "img", 10,
				SERIAL), VirtType.QEMU, NetworkAttachment.user(), ROOT, null, LOG))
			.hasMessageContaining("at least one vCPU");
		assertThatThrownBy(() -> DomainXml.domain(spec, VirtType.QEMU, NetworkAttachment.user(), ROOT, null,
				Path.of("relative.log"))).hasMessageContaining("must be absolute");
		assertThatThrownBy(() -> DomainXml.domain(spec, VirtType.QEMU, new NetworkAttachment(Mode.BRIDGE, "br<0>&"), ROOT,
				null, LOG)).hasMessageContaining("'br<0>&' is not a valid bridge name");
		assertThatThrownBy(() -> new DomainXml.Disk("relative", false, "qcow2")).hasMessageContaining("absolute");
		assertThatThrownBy(() -> DomainXml.disk(ROOT, "sda")).hasMessageContaining("not a virtio disk name");
	}

	private MachineSpec withName(String name) {
		return new MachineSpec(name, spec.uuid(), 1, 256, "img", 10, SERIAL);
	}

	private MachineSpec withSerial(String serial) {
		return new MachineSpec("sk-1", spec.uuid(), 1, 256, "img", 10, serial);
	}

	private static String text(Element parent, String name) {
		return XmlDocuments.first(parent, name).getTextContent();
	}

	private static String serial(Element domain) {
		Element system = XmlDocuments.first(XmlDocuments.first(domain, "sysinfo"), "system");
		Element entry = XmlDocuments.first(system, "entry");
		assertThat(entry.getAttribute("name")).isEqualTo("serial");
		return entry.getTextContent();
	}
}
