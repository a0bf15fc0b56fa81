package io.skyport.compute.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import io.skyport.compute.provider.ConsoleRead;
import io.skyport.compute.provider.HostReport;
import io.skyport.compute.provider.MachineInfo;
import io.skyport.compute.provider.MachineInfo.MachineState;
import io.skyport.compute.provider.MachineNotFoundException;
import io.skyport.compute.provider.MachineSpec;
import io.skyport.compute.provider.NetworkAttachment;
import io.skyport.compute.provider.MachineCounters;
import io.skyport.compute.provider.ProviderFailureException;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.compute.provider.VolumeInfo;
import io.skyport.compute.provider.VolumeSpec;

/**
 * The adapter against real libvirt: its in-process test driver, {@code test:///default}. Each test has a node of its
 * own; machine and volume names are unique across tests because the test driver's state is shared (see
 * {@link TestHypervisor}).
 */
class LibvirtComputeProviderTests {

	private static final String SERIAL = "ds=nocloud-net;s=http://10.0.2.2:8080/nocloud/4kX9f2Qa7bLmN0pR/";

	@TempDir
	static Path consoles;

	static NodeConnections connections;

	static LibvirtComputeProvider provider;

	private final ProviderTarget node = TestHypervisor.node();

	@BeforeAll
	static void connect() {
		connections = new NodeConnections(TestHypervisor.properties(consoles));
		provider = new LibvirtComputeProvider(connections);
	}

	@AfterAll
	static void close() {
		connections.close();
	}

	@Test
	void libvirt_is_available() {
		assertThat(provider.availability().available()).isTrue();
		assertThat(provider.availability().reason()).isNull();
	}

	@Test
	void a_machine_is_defined_stopped_then_started_stopped_rebooted_and_destroyed() {
		MachineSpec spec = spec("sk-life", null);

		MachineInfo created = provider.createMachine(node, spec);
		assertThat(created.name()).isEqualTo("sk-life");
		assertThat(created.uuid()).isEqualTo(spec.uuid());
		assertThat(created.state()).as("defined, not started").isEqualTo(MachineState.STOPPED);
		assertThat(created.vcpus()).isEqualTo(1);
		assertThat(created.memoryMib()).isEqualTo(256);

		provider.startMachine(node, "sk-life");
		assertThat(state("sk-life")).isEqualTo(MachineState.RUNNING);

		provider.stopMachine(node, "sk-life", Duration.ofSeconds(5));
		assertThat(state("sk-life")).isEqualTo(MachineState.STOPPED);
		provider.stopMachine(node, "sk-life", Duration.ofSeconds(5));
		assertThat(state("sk-life")).isEqualTo(MachineState.STOPPED);

		provider.startMachine(node, "sk-life");
		assertThat(state("sk-life")).isEqualTo(MachineState.RUNNING);
		provider.startMachine(node, "sk-life");
		assertThat(state("sk-life")).isEqualTo(MachineState.RUNNING);

		provider.rebootMachine(node, "sk-life");
		assertThat(state("sk-life")).isEqualTo(MachineState.RUNNING);

		provider.destroyMachine(node, "sk-life");
		assertThat(provider.listMachines(node)).extracting(MachineInfo::name).doesNotContain("sk-life");
		assertThat(volumeXml("sk-life-root")).isNull();
	}

	@Test
	void the_pool_lists_its_volumes_for_the_reconciler() {
		provider.createVolume(node, new VolumeSpec("sk-listed-data", 1));

		assertThat(provider.listVolumes(node)).filteredOn(volume -> volume.name().equals("sk-listed-data"))
			.singleElement()
			.satisfies(volume -> assertThat(volume.capacityBytes()).isEqualTo(1L << 30));
		provider.deleteVolume(node, "sk-listed-data");
		assertThat(provider.listVolumes(node)).extracting(VolumeInfo::name).doesNotContain("sk-listed-data");
	}

	@Test
	void creating_again_returns_the_existing_machine_as_it_is() {
		MachineSpec spec = spec("sk-again", null);
		MachineInfo first = provider.createMachine(node, spec);
		provider.startMachine(node, "sk-again");

		MachineInfo second = provider.createMachine(node, spec);

		assertThat(second.uuid()).isEqualTo(first.uuid());
		assertThat(second.state()).as("left running").isEqualTo(MachineState.RUNNING);
		assertThat(provider.listMachines(node)).extracting(MachineInfo::name).containsOnlyOnce("sk-again");
	}

	@Test
	void destroying_is_idempotent_and_cleans_up_a_half_created_machine() {
		assertThatCode(() -> provider.destroyMachine(node, "sk-never-existed")).doesNotThrowAnyException();

		provider.createVolume(node, new VolumeSpec("sk-half-root", 1));
		provider.destroyMachine(node, "sk-half");
		assertThat(volumeXml("sk-half-root")).isNull();

		running(spec("sk-twice", null));
		provider.destroyMachine(node, "sk-twice");
		assertThatCode(() -> provider.destroyMachine(node, "sk-twice")).doesNotThrowAnyException();
	}

	@Test
	void the_root_volume_is_a_qcow2_overlay_of_the_image_in_each_way_an_image_can_be_named() {
		VolumeInfo image = provider.createVolume(node, new VolumeSpec("debian-12", 2));

		running(spec("sk-by-pool", "default-pool/debian-12"));
		running(spec("sk-by-name", "debian-12"));
		running(spec("sk-by-path", image.path()));

		for (String machine : List.of("sk-by-pool", "sk-by-name", "sk-by-path")) {
			Element volume = XmlDocuments.parse(volumeXml(machine + "-root")).getDocumentElement();
			Element backing = XmlDocuments.first(volume, "backingStore");
			assertThat(backing).as(machine).isNotNull();
			assertThat(XmlDocuments.first(backing, "path").getTextContent()).isEqualTo(image.path());
			assertThat(XmlDocuments.first(XmlDocuments.first(volume, "target"), "format").getAttribute("type"))
				.isEqualTo("qcow2");
			assertThat(provider.machineDefinition(node, machine)).contains(machine + "-root");
		}
	}

	@Test
	void the_test_driver_has_no_images_so_a_missing_one_gives_an_empty_root_volume() {
		running(spec("sk-no-image", "default/debian-12.qcow2"));

		String root = volumeXml("sk-no-image-root");
		assertThat(root).isNotNull().doesNotContain("backingStore");
		assertThat(XmlDocuments.parse(root).getDocumentElement().getElementsByTagName("capacity").item(0).getTextContent())
			.isEqualTo(Long.toString(10L << 30));
	}

	@Test
	void an_image_larger_than_the_root_disk_is_refused() {
		provider.createVolume(node, new VolumeSpec("big-image", 20));

		assertThatThrownBy(() -> provider.createMachine(node, spec("sk-too-small", "big-image")))
			.isInstanceOf(ProviderFailureException.class)
			.hasMessageContaining("image 'big-image' needs 20 GiB, the root disk has 10 GiB");
		assertThat(provider.listMachines(node)).extracting(MachineInfo::name).doesNotContain("sk-too-small");
	}

	@Test
	void a_data_disk_attached_before_the_first_start_is_vdb_and_outlives_the_machine() {
		MachineSpec spec = new MachineSpec("sk-data", UUID.randomUUID(), 1, 256, "debian-12", 10, SERIAL);

		provider.createMachine(node, spec);
		provider.createVolume(node, new VolumeSpec("sk-data-data", 3));
		provider.attachVolume(node, "sk-data", "sk-data-data");
		provider.startMachine(node, "sk-data");

		String definition = provider.machineDefinition(node, "sk-data");
		assertThat(disk(definition, "vdb")).endsWith("/sk-data-data");
		assertThat(disk(definition, "vda")).endsWith("/sk-data-root");
		provider.destroyMachine(node, "sk-data");
		assertThat(volumeXml("sk-data-data")).contains(Long.toString(3L << 30));
		provider.deleteVolume(node, "sk-data-data");
		assertThat(volumeXml("sk-data-data")).isNull();
	}

	@Test
	void volumes_are_created_attached_detached_and_deleted_idempotently() {
		running(spec("sk-vol", null));
		provider.stopMachine(node, "sk-vol", Duration.ofSeconds(5));

		VolumeInfo volume = provider.createVolume(node, new VolumeSpec("sk-vol-extra", 1));
		assertThat(volume.name()).isEqualTo("sk-vol-extra");
		assertThat(volume.capacityBytes()).isEqualTo(1L << 30);
		assertThat(provider.createVolume(node, new VolumeSpec("sk-vol-extra", 1))).isEqualTo(volume);

		provider.attachVolume(node, "sk-vol", "sk-vol-extra");
		provider.attachVolume(node, "sk-vol", "sk-vol-extra");
		String attached = provider.machineDefinition(node, "sk-vol");
		assertThat(disk(attached, "vdb")).isEqualTo(volume.path());
		assertThat(attached.split(volume.path(), -1)).hasSize(2);

		assertThatThrownBy(() -> provider.deleteVolume(node, "sk-vol-extra"))
			.isInstanceOf(ProviderFailureException.class)
			.hasMessageContaining("machine 'sk-vol' uses it; detach it first");

		provider.detachVolume(node, "sk-vol", "sk-vol-extra");
		provider.detachVolume(node, "sk-vol", "sk-vol-extra");
		assertThat(provider.machineDefinition(node, "sk-vol")).doesNotContain(volume.path());

		provider.deleteVolume(node, "sk-vol-extra");
		provider.deleteVolume(node, "sk-vol-extra");
		assertThat(volumeXml("sk-vol-extra")).isNull();
	}

	@Test
	void a_volume_attached_to_a_running_machine_is_in_its_definition() {
		running(spec("sk-hot", null));
		provider.createVolume(node, new VolumeSpec("sk-hot-extra", 1));

		provider.attachVolume(node, "sk-hot", "sk-hot-extra");

		assertThat(disk(provider.machineDefinition(node, "sk-hot"), "vdb")).endsWith("/sk-hot-extra");
		provider.detachVolume(node, "sk-hot", "sk-hot-extra");
		assertThat(provider.machineDefinition(node, "sk-hot")).doesNotContain("sk-hot-extra");
	}

	@Test
	void attaching_a_missing_volume_or_to_a_missing_machine_is_not_found() {
		running(spec("sk-lonely", null));
		provider.createVolume(node, new VolumeSpec("sk-spare", 1));

		assertThatThrownBy(() -> provider.attachVolume(node, "sk-lonely", "sk-nothing"))
			.isInstanceOf(MachineNotFoundException.class)
			.hasMessageContaining("the volume does not exist");
		assertThatThrownBy(() -> provider.attachVolume(node, "sk-nobody", "sk-spare"))
			.isInstanceOf(MachineNotFoundException.class)
			.hasMessageContaining("Cannot attach volume 'sk-spare' to machine 'sk-nobody' on node " + node.name())
			.hasMessageContaining("the machine does not exist");
	}

	@Test
	void the_inventory_lists_created_machines_with_their_state() {
		running(spec("sk-inv-1", null));
		running(spec("sk-inv-2", null));
		provider.stopMachine(node, "sk-inv-2", Duration.ofSeconds(5));

		List<MachineInfo> machines = provider.listMachines(node);

		assertThat(machines).extracting(MachineInfo::name).contains("sk-inv-1", "sk-inv-2", "test");
		assertThat(machines).filteredOn(m -> m.name().equals("sk-inv-1")).singleElement()
			.satisfies(m -> assertThat(m.addresses()).isNotEmpty());
		assertThat(machines).filteredOn(m -> m.name().equals("sk-inv-2")).singleElement()
			.satisfies(m -> assertThat(m.state()).isEqualTo(MachineState.STOPPED));
	}

	@Test
	void a_machine_has_lease_addresses_only_on_a_libvirt_network_and_only_while_it_runs() {
		ProviderTarget onNetwork = new ProviderTarget(node.nodeId(), node.name(), node.uri(), node.virtType(),
				new NetworkAttachment(NetworkAttachment.Mode.NETWORK, "default"), node.storagePool());
		provider.createMachine(onNetwork, spec("sk-leased", null));
		assertThat(provider.machineAddresses(onNetwork, "sk-leased")).as("stopped: no lease").isEmpty();

		provider.startMachine(onNetwork, "sk-leased");
		assertThat(provider.machineAddresses(onNetwork, "sk-leased")).isNotEmpty()
			.allSatisfy(address -> assertThat(address).matches("[0-9.]+|[0-9a-f:]+"));
		assertThat(provider.machineAddresses(node, "sk-leased"))
			.as("user-mode networking: libvirt hands out no leases, whatever the test driver would invent").isEmpty();
		assertThatThrownBy(() -> provider.machineAddresses(onNetwork, "sk-nobody"))
			.isInstanceOf(MachineNotFoundException.class)
			.hasMessageContaining("the machine does not exist");
	}

	@Test
	void the_probe_reports_the_hypervisor_capacity_and_machines() {
		HostReport before = provider.probe(node);

		assertThat(before.hypervisor()).isEqualTo("TEST");
		assertThat(before.libvirtVersion()).isGreaterThanOrEqualTo(9_000_000);
		assertThat(before.hypervisorVersion()).isPositive();
		assertThat(before.cpus()).isEqualTo(16);
		assertThat(before.memoryMib()).isEqualTo(3072);
		assertThat(before.freeMemoryMib()).isBetween(0L, before.memoryMib());
		assertThat(before.diskGib()).isEqualTo(100);
		assertThat(before.freeDiskGib()).isBetween(0L, before.diskGib());
		assertThat(before.machineCount()).isPositive();

		running(spec("sk-probe", null));
		assertThat(provider.probe(node).machineCount()).isEqualTo(before.machineCount() + 1);
	}

	@Test
	void a_node_whose_pool_does_not_exist_fails_clearly() {
		ProviderTarget misconfigured = new ProviderTarget(node.nodeId(), node.name(), node.uri(), node.virtType(),
				node.network(), "no-such-pool");

		assertThatThrownBy(() -> provider.probe(misconfigured)).isInstanceOf(ProviderFailureException.class)
			.hasMessageContaining("its storage pool does not exist")
			.hasMessageContaining("no-such-pool");
	}

	@Test
	void counters_of_running_machines_are_read_in_one_call_and_a_stopped_one_is_left_out() {
		running(spec("sk-stats", null));
		running(spec("sk-stats-2", null));

		List<MachineCounters> running = provider.machineCounters(node, List.of("sk-stats", "sk-stats-2", "sk-ghost"));
		assertThat(running).extracting(MachineCounters::machineName).containsExactlyInAnyOrder("sk-stats", "sk-stats-2");
		MachineCounters first = running.stream().filter(c -> c.machineName().equals("sk-stats")).findFirst().orElseThrow();
		assertThat(first.cpuTimeNanos()).isPositive();
		assertThat(first.memoryAvailableBytes()).isPositive();
		assertThat(first.memoryUsedBytes()).isBetween(1L, first.memoryAvailableBytes());
		assertThat(first.diskReadBytes()).isPositive();
		assertThat(first.diskReadOps()).isPositive();
		assertThat(first.run()).isPositive();

		provider.stopMachine(node, "sk-stats", Duration.ofSeconds(5));
		assertThat(provider.machineCounters(node, List.of("sk-stats", "sk-stats-2")))
			.extracting(MachineCounters::machineName)
			.containsExactly("sk-stats-2");
		provider.startMachine(node, "sk-stats");
		MachineCounters again = provider.machineCounters(node, List.of("sk-stats")).getFirst();
		assertThat(again.run()).as("a new run after a start").isNotEqualTo(first.run());
	}

	@Test
	void a_paused_machine_is_powered_off_by_stop() {
		running(spec("sk-paused", null));
		connections.call(node, "pause", c -> {
			c.domainLookupByName("sk-paused").suspend();
			return true;
		});
		assertThat(state("sk-paused")).isEqualTo(MachineState.PAUSED);

		provider.stopMachine(node, "sk-paused", Duration.ofSeconds(5));

		assertThat(state("sk-paused")).isEqualTo(MachineState.STOPPED);
	}

	@Test
	void rebooting_a_stopped_machine_is_refused() {
		running(spec("sk-off", null));
		provider.stopMachine(node, "sk-off", Duration.ofSeconds(5));

		assertThatThrownBy(() -> provider.rebootMachine(node, "sk-off")).isInstanceOf(ProviderFailureException.class)
			.hasMessage("Cannot reboot machine 'sk-off' on node " + node.name() + " (test:///default): it is not running.");
	}

	@Test
	void a_missing_machine_is_not_found() {
		assertThatThrownBy(() -> provider.startMachine(node, "sk-ghost")).isInstanceOf(MachineNotFoundException.class)
			.hasMessage("Cannot start machine 'sk-ghost' on node " + node.name()
					+ " (test:///default): the machine does not exist.");
		assertThatThrownBy(() -> provider.stopMachine(node, "sk-ghost", Duration.ofSeconds(1)))
			.isInstanceOf(MachineNotFoundException.class);
		assertThatThrownBy(() -> provider.rebootMachine(node, "sk-ghost")).isInstanceOf(MachineNotFoundException.class);
		assertThat(provider.machineCounters(node, List.of("sk-ghost"))).as("a missing machine has no counters").isEmpty();
		assertThatThrownBy(() -> provider.machineDefinition(node, "sk-ghost"))
			.isInstanceOf(MachineNotFoundException.class);
		assertThatThrownBy(() -> provider.consoleOutput(node, "sk-ghost", 100))
			.isInstanceOf(MachineNotFoundException.class);
		assertThatThrownBy(() -> provider.readConsole(node, "sk-ghost", 0, 100))
			.isInstanceOf(MachineNotFoundException.class);
	}

	@Test
	void the_definition_is_valid_domain_xml_carrying_the_nocloud_seed_and_a_console_log() throws Exception {
		MachineSpec spec = spec("sk-xml", null);
		provider.createMachine(node, spec);

		String definition = provider.machineDefinition(node, "sk-xml");

		assertThat(VirtXmlValidate.validate(definition, "domain")).isEqualTo(VirtXmlValidate.VALID);
		assertThat(definition).contains("<uuid>" + spec.uuid() + "</uuid>")
			.contains("<entry name='serial'>" + SERIAL + "</entry>")
			.contains("<smbios mode='sysinfo'/>")
			.as("the log is appended to, so a restart does not truncate it")
			.contains("<source path='" + consoles.resolve("sk-xml.log") + "' append='on'/>");
	}

	@Test
	void the_console_is_read_from_an_offset_and_reports_its_size_so_a_reader_sees_rotation() throws Exception {
		running(spec("sk-read", null));
		ConsoleRead none = provider.readConsole(node, "sk-read", 0, 100);
		assertThat(none.size()).as("nothing written yet").isZero();
		assertThat(none.bytes()).isEmpty();
		// The test driver's host is this process: write what a guest would have printed.
		Files.writeString(consoles.resolve("sk-read.log"), "Linux version 6.1\r\nlogin: ");

		ConsoleRead all = provider.readConsole(node, "sk-read", 0, 1000);
		assertThat(all.size()).isEqualTo(26);
		assertThat(new String(all.bytes(), StandardCharsets.UTF_8)).isEqualTo("Linux version 6.1\r\nlogin: ");
		ConsoleRead part = provider.readConsole(node, "sk-read", 19, 3);
		assertThat(new String(part.bytes(), StandardCharsets.UTF_8)).isEqualTo("log");
		ConsoleRead past = provider.readConsole(node, "sk-read", 500, 10);
		assertThat(past.bytes()).isEmpty();
		assertThat(past.size()).as("shorter than the offset: rotated or truncated").isEqualTo(26);
		assertThat(provider.consoleOutput(node, "sk-read", 7)).isEqualTo("login: ");
		assertThatThrownBy(() -> provider.readConsole(node, "sk-read", -1, 10)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> provider.readConsole(node, "sk-read", 0, 0)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void the_test_driver_writes_no_console() {
		running(spec("sk-console", null));

		assertThat(provider.consoleOutput(node, "sk-console", 4096)).isEmpty();
		assertThat(Files.exists(consoles.resolve("sk-console.log"))).isFalse();
	}

	@Test
	void invalid_names_and_specs_are_refused_before_the_host_is_asked() {
		assertThatThrownBy(() -> provider.createMachine(node, spec("../etc", null)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'../etc' is not a valid machine name");
		assertThatThrownBy(() -> provider.createMachine(node,
				new MachineSpec("sk-spaces", UUID.randomUUID(), 1, 256, "debian-12", 10, "ds=nocloud; s=x/")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("must not contain spaces");
		assertThatThrownBy(() -> provider.createVolume(node, new VolumeSpec("a/b", 1)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(volumeXml("sk-spaces-root")).isNull();
	}

	/** Defines the machine and starts it. */
	private void running(MachineSpec spec) {
		provider.createMachine(node, spec);
		provider.startMachine(node, spec.name());
	}

	private static MachineSpec spec(String name, @Nullable String image) {
		return new MachineSpec(name, UUID.randomUUID(), 1, 256, image == null ? "debian-12" : image, 10, SERIAL);
	}

	private MachineState state(String machine) {
		return provider.listMachines(node).stream().filter(m -> m.name().equals(machine)).findFirst().orElseThrow()
			.state();
	}

	/** The volume's XML as libvirt describes it, or {@code null} if the pool has no such volume. */
	private @Nullable String volumeXml(String volume) {
		return connections.call(node, "read a volume", c -> {
			var found = StorageVolumes.find(c.storagePoolLookupByName(TestHypervisor.POOL), volume);
			return found == null ? null : found.getXMLDesc(0);
		});
	}

	/** The source of the disk on {@code target} in a domain XML. */
	private static String disk(String domainXml, String target) {
		return DomainDescription.parse(domainXml).disks().stream().filter(d -> d.target().equals(target)).findFirst()
			.orElseThrow(() -> new AssertionError("no disk " + target + " in " + domainXml)).source();
	}
}
