package io.skyport.compute.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.libvirt.StoragePool;
import org.springframework.util.FileSystemUtils;

import io.skyport.compute.provider.ConsoleRead;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.testing.RealHypervisor;

/**
 * Console logs read through a real libvirtd ({@code tools/libvirt/fixture}), over its RPC protocol — the same
 * client–daemon path a {@code qemu+ssh://} or {@code qemu+tls://} node takes: the directory becomes a storage pool,
 * each file a volume downloaded from an offset, a file written after the pool started is found. No guest is needed.
 */
@Tag("real-vm")
class ConsoleVolumesRealHostTests {

	static RealHypervisor hypervisor;

	static NodeConnections connections;

	static Path directory;

	static ProviderTarget node;

	@BeforeAll
	static void start() throws Exception {
		hypervisor = RealHypervisor.start();
		directory = Path.of("target", "console-pool-" + System.nanoTime()).toAbsolutePath();
		Files.createDirectories(directory);
		connections = new NodeConnections(TestHypervisor.properties(directory));
		node = TestHypervisor.node(hypervisor.uri());
	}

	@AfterAll
	static void stop() throws Exception {
		if (connections != null) {
			connections.call(node, "remove the pool", c -> {
				for (String name : c.listStoragePools()) {
					StoragePool pool = c.storagePoolLookupByName(name);
					if (pool.getXMLDesc(0).contains("<path>" + directory + "</path>")) {
						pool.destroy();
						pool.undefine();
					}
				}
				return null;
			});
			connections.close();
		}
		FileSystemUtils.deleteRecursively(directory);
		if (hypervisor != null) {
			hypervisor.stop();
		}
	}

	@Test
	void a_log_is_read_from_an_offset_through_libvirt_as_it_grows() throws Exception {
		ConsoleVolumes volumes = new ConsoleVolumes();
		Path log = directory.resolve("sk-real.log");
		Files.writeString(log, "[    0.000000] Linux version 6.1.0\r\nlogin: ");

		ConsoleRead all = read(volumes, "sk-real.log", 0, 1000);
		assertThat(new String(all.bytes(), StandardCharsets.UTF_8)).isEqualTo("[    0.000000] Linux version 6.1.0\r\nlogin: ");
		assertThat(all.size()).isEqualTo(Files.size(log));

		Files.writeString(log, "root\r\nPassword: ", StandardOpenOption.APPEND);
		ConsoleRead more = read(volumes, "sk-real.log", all.size(), 1000);
		assertThat(new String(more.bytes(), StandardCharsets.UTF_8)).as("only what was appended").isEqualTo("root\r\nPassword: ");
		assertThat(more.size()).isEqualTo(Files.size(log));
		assertThat(new String(read(volumes, "sk-real.log", 15, 5).bytes(), StandardCharsets.UTF_8)).isEqualTo("Linux");

		Files.writeString(directory.resolve("sk-later.log"), "a machine started after the pool");
		assertThat(new String(read(volumes, "sk-later.log", 0, 1000).bytes(), StandardCharsets.UTF_8))
			.isEqualTo("a machine started after the pool");
		assertThat(read(volumes, "sk-never.log", 0, 1000).size()).as("not written yet").isZero();
	}

	private static ConsoleRead read(ConsoleVolumes volumes, String file, long offset, int maxBytes) {
		return connections.call(node, "read " + file,
				c -> volumes.read(c, node.uri(), directory.resolve(file).toString(), offset, maxBytes, node.name()));
	}
}
