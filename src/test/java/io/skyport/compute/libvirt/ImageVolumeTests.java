package io.skyport.compute.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import io.skyport.compute.provider.MachineSpec;
import io.skyport.compute.provider.NetworkAttachment;
import io.skyport.compute.provider.ProviderFailureException;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.compute.provider.VirtType;
import io.skyport.compute.provider.VolumeInfo;

/**
 * Image files copied into a node's pool through libvirt streams, and machines booting a kernel and initrd directly,
 * on libvirt's test driver (which takes uploads but cannot stream a volume back, so what was sent is what is
 * verified there).
 */
class ImageVolumeTests {

	private static final String SERIAL = "ds=nocloud-net;s=http://10.0.2.2:8080/nocloud/4kX9f2Qa7bLmN0pR/";

	@TempDir
	static Path files;

	static NodeConnections connections;

	static LibvirtComputeProvider provider;

	private final ProviderTarget node = TestHypervisor.node();

	@BeforeAll
	static void connect() {
		connections = new NodeConnections(TestHypervisor.properties(files));
		provider = new LibvirtComputeProvider(connections);
	}

	@AfterAll
	static void close() {
		connections.close();
	}

	@Test
	void a_file_is_copied_into_the_pool_with_its_size() throws Exception {
		byte[] content = bytes(300_000, 7);
		Path file = write("disk.raw", content);

		VolumeInfo volume = provider.importVolume(node, "skyport-image-copied", "raw", content.length, file,
				sha256(content));

		assertThat(volume.name()).isEqualTo("skyport-image-copied");
		assertThat(volume.capacityBytes()).isEqualTo(content.length);
		assertThat(volume.path()).startsWith("/");
		assertThat(provider.listVolumes(node)).filteredOn(v -> v.name().equals("skyport-image-copied"))
			.singleElement()
			.satisfies(v -> assertThat(v.capacityBytes()).isEqualTo(content.length));
		assertThat(provider.importVolume(node, "skyport-image-copied", "raw", content.length, file, sha256(content)))
			.as("copying again is idempotent").isEqualTo(volume);
	}

	@Test
	void a_file_that_does_not_match_its_sha256_is_refused_and_leaves_no_volume() throws Exception {
		byte[] content = bytes(50_000, 3);
		Path file = write("tampered.raw", content);
		String other = sha256(bytes(50_000, 4));

		assertThatThrownBy(() -> provider.importVolume(node, "skyport-image-tampered", "raw", content.length, file, other))
			.isInstanceOf(ProviderFailureException.class)
			.hasMessageContaining("expected " + content.length + " bytes with sha256 " + other);
		assertThat(volumeXml("skyport-image-tampered")).isNull();

		assertThatThrownBy(() -> provider.importVolume(node, "skyport-image-missing", "raw", 10, files.resolve("none"),
				other))
			.isInstanceOf(ProviderFailureException.class)
			.hasMessageContaining("does not exist");
		assertThat(volumeXml("skyport-image-missing")).isNull();
	}

	@Test
	void a_machine_boots_the_kernel_and_initrd_copied_into_the_pool() throws Exception {
		byte[] kernel = bytes(40_000, 11);
		byte[] initrd = bytes(60_000, 13);
		VolumeInfo kernelVolume = provider.importVolume(node, "skyport-image-kernel-a", "raw", kernel.length,
				write("vmlinuz", kernel), sha256(kernel));
		VolumeInfo initrdVolume = provider.importVolume(node, "skyport-image-initrd-a", "raw", initrd.length,
				write("initrd.img", initrd), sha256(initrd));
		String cmdline = "root=/dev/vda console=ttyS0 rw quiet";
		MachineSpec spec = new MachineSpec("sk-kernel", UUID.randomUUID(), 1, 256, "debian-12", 10, SERIAL,
				new MachineSpec.KernelBoot("skyport-image-kernel-a", "skyport-image-initrd-a", cmdline), null);

		provider.createMachine(node, spec);

		String definition = provider.machineDefinition(node, "sk-kernel");
		Element os = XmlDocuments.first(XmlDocuments.parse(definition).getDocumentElement(), "os");
		assertThat(XmlDocuments.first(os, "kernel").getTextContent()).isEqualTo(kernelVolume.path());
		assertThat(XmlDocuments.first(os, "initrd").getTextContent()).isEqualTo(initrdVolume.path());
		assertThat(XmlDocuments.first(os, "cmdline").getTextContent()).isEqualTo(cmdline);
		assertThat(VirtXmlValidate.validate(definition, "domain")).isEqualTo(VirtXmlValidate.VALID);
		assertThat(definition).contains("ds=nocloud-net;s=http://10.0.2.2:8080/nocloud/4kX9f2Qa7bLmN0pR/");
		provider.destroyMachine(node, "sk-kernel");
	}

	@Test
	void the_root_volume_is_backed_by_the_copy_in_the_format_skyport_knows() throws Exception {
		byte[] disk = bytes(20_000, 17);
		VolumeInfo copy = provider.importVolume(node, "skyport-image-qcow2-disk", "qcow2", disk.length,
				write("disk.qcow2", disk), sha256(disk));

		provider.createMachine(node, new MachineSpec("sk-backed", UUID.randomUUID(), 1, 256, copy.name(), 10, SERIAL,
				null, "qcow2"));

		Element backing = XmlDocuments.first(XmlDocuments.parse(volumeXml("sk-backed-root")).getDocumentElement(),
				"backingStore");
		assertThat(XmlDocuments.first(backing, "path").getTextContent()).isEqualTo(copy.path());
		assertThat(XmlDocuments.first(backing, "format").getAttribute("type")).isEqualTo("qcow2");
		provider.destroyMachine(node, "sk-backed");
	}

	@Test
	void a_machine_whose_kernel_is_missing_is_refused() {
		MachineSpec spec = new MachineSpec("sk-no-kernel", UUID.randomUUID(), 1, 256, "debian-12", 10, SERIAL,
				new MachineSpec.KernelBoot("skyport-image-not-there", null, "console=ttyS0"), null);

		assertThatThrownBy(() -> provider.createMachine(node, spec)).isInstanceOf(ProviderFailureException.class)
			.hasMessageContaining("its kernel 'skyport-image-not-there' was not found");
		assertThat(provider.listMachines(node)).noneMatch(m -> m.name().equals("sk-no-kernel"));
	}

	@Test
	void the_domain_xml_of_a_kernel_boot_escapes_the_command_line_and_refuses_control_characters() throws Exception {
		MachineSpec spec = new MachineSpec("sk-k", UUID.randomUUID(), 1, 256, "img", 10, SERIAL);
		DomainXml.Disk root = new DomainXml.Disk("/var/lib/libvirt/images/sk-k-root", false, "qcow2");
		String cmdline = "root=/dev/vda console=ttyS0 rw a=\"<b>&c\" x='y'";

		String xml = DomainXml.domain(spec, VirtType.QEMU, NetworkAttachment.user(), root, null,
				Path.of("/var/log/skyport/consoles/sk-k.log"),
				new DomainXml.Kernel("/pool/vmlinuz", "/pool/initrd.img", cmdline));

		assertThat(VirtXmlValidate.validate(xml, "domain")).isEqualTo(VirtXmlValidate.VALID);
		Element os = XmlDocuments.first(XmlDocuments.parse(xml).getDocumentElement(), "os");
		assertThat(XmlDocuments.first(os, "cmdline").getTextContent()).isEqualTo(cmdline);
		assertThat(XmlDocuments.first(os, "smbios").getAttribute("mode")).isEqualTo("sysinfo");
		assertThat(os.getElementsByTagName("boot").getLength()).as("the kernel is booted, not the disk").isZero();
		assertThat(xml).contains("<entry name=\"serial\">" + SERIAL + "</entry>");

		assertThatThrownBy(() -> new DomainXml.Kernel("/pool/vmlinuz", null, "console=ttyS0\ninit=/bin/sh"))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control characters");
		assertThatThrownBy(() -> new DomainXml.Kernel("/pool/vmlinuz", null, "x".repeat(DomainXml.MAX_CMDLINE + 1)))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
		assertThatThrownBy(() -> new DomainXml.Kernel("vmlinuz", null, ""))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute path");
	}

	private static byte[] bytes(int size, int seed) {
		byte[] content = new byte[size];
		new java.util.Random(seed).nextBytes(content);
		return content;
	}

	private static Path write(String name, byte[] content) throws Exception {
		return Files.write(files.resolve(name), content);
	}

	private static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

	private @Nullable String volumeXml(String volume) {
		return connections.call(node, "read a volume", c -> {
			var found = StorageVolumes.find(c.storagePoolLookupByName(TestHypervisor.POOL), volume);
			return found == null ? null : found.getXMLDesc(0);
		});
	}
}
