package io.skyport.compute.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.StoragePool;

import io.skyport.compute.provider.ConsoleRead;
import io.skyport.compute.provider.ProviderTarget;

/**
 * The console log directory as a libvirt storage pool, on libvirt's test driver: an existing pool over the directory is
 * used, otherwise Skyport's own is defined and started; a log not written yet reads as empty. (The test driver streams
 * no volumes; the download itself runs against a real libvirtd in {@code RealGuestTests}.)
 */
class ConsoleVolumesTests {

	@TempDir
	static Path consoles;

	static NodeConnections connections;

	private final ProviderTarget node = TestHypervisor.node();

	@BeforeAll
	static void connect() {
		connections = new NodeConnections(TestHypervisor.properties(consoles));
	}

	@AfterAll
	static void close() {
		connections.close();
	}

	@Test
	void a_pool_is_defined_over_the_console_directory_once_and_a_missing_log_reads_as_empty() {
		ConsoleVolumes volumes = new ConsoleVolumes();
		String directory = "/var/log/skyport-test-" + System.nanoTime();
		ConsoleRead read = connections.call(node, "read", c -> volumes.read(c, node.uri(), directory + "/sk-1.log", 0,
				100, node.name()));
		assertThat(read.size()).isZero();
		assertThat(read.bytes()).isEmpty();

		List<String> over = poolsOver(directory);
		assertThat(over).hasSize(1).first().asString().startsWith(ConsoleVolumes.POOL).endsWith(" active autostart");

		connections.call(node, "read again", c -> volumes.read(c, node.uri(), directory + "/sk-2.log", 0, 100,
				node.name()));
		assertThat(poolsOver(directory)).as("the same pool is used again").isEqualTo(over);
	}

	@Test
	void a_pool_the_host_has_over_the_directory_is_used_as_it_is() {
		ConsoleVolumes volumes = new ConsoleVolumes();
		Integer before = connections.call(node, "count", c -> c.listStoragePools().length);
		ConsoleRead read = connections.call(node, "read", c -> volumes.read(c, node.uri(), "/default-pool/sk-3.log", 0,
				100, node.name()));
		assertThat(read.size()).isZero();
		Integer after = connections.call(node, "count", c -> c.listStoragePools().length);
		assertThat(after).as("the test driver's default-pool is over /default-pool: no pool is added").isEqualTo(before);
	}

	@Test
	void the_pool_definition_escapes_the_directory() {
		assertThat(ConsoleVolumes.poolXml("skyport-consoles", "/var/log/a&b"))
			.contains("<pool type=\"dir\">").contains("<name>skyport-consoles</name>")
			.contains("<path>/var/log/a&amp;b</path>");
	}

	private List<String> poolsOver(String directory) {
		return connections.call(node, "pools", c -> {
			List<String> names = new ArrayList<>();
			for (String name : c.listStoragePools()) {
				StoragePool pool = c.storagePoolLookupByName(name);
				if (pool.getXMLDesc(0).contains("<path>" + directory + "</path>")) {
					names.add(name + (pool.isActive() == 1 ? " active" : " inactive")
							+ (pool.getAutostart() ? " autostart" : ""));
				}
			}
			return names;
		});
	}
}
