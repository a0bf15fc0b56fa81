package io.skyport.compute.nocloud;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The documents a seed serves, as YAML built from maps with SnakeYAML.
 * <p>
 * user-data merge rule: Skyport's keys come first — {@code hostname}, {@code ssh_authorized_keys} (when there are
 * keys), {@code disk_setup}/{@code fs_setup}/{@code mounts} (when there is a data disk, mounted at its mount point)
 * and {@code phone_home} — followed by the vendor's top-level keys in the vendor's order. A vendor key that Skyport
 * sets, or that is one of {@link CloudConfig#RESERVED_KEYS}, is dropped; every other vendor key ({@code packages},
 * {@code runcmd}, {@code write_files}, …) is copied as written. Keys are never merged below the top level.
 */
final class SeedDocuments {

	static final String DATA_DISK = "/dev/vdb";
	static final String DATA_MOUNT = "/data";
	static final String DATA_LABEL = "data";

	/** 200 with no content: cloud-init 22.4 reads an empty vendor-data as "none". */
	static final byte[] VENDOR_DATA = new byte[0];

	/** Network config v2: DHCPv4 on the first Ethernet NIC, whether named en* (predictable names) or eth*. */
	static final byte[] NETWORK_CONFIG = networkConfig();

	private SeedDocuments() {
	}

	/** The seed data as stored. */
	record SeedData(UUID instanceId, String hostname, List<String> sshAuthorizedKeys, @Nullable Integer dataDiskGib,
			@Nullable String dataDiskMountPoint, @Nullable String vendorConfig) {

		/** Where the data disk is mounted. */
		String mountPoint() {
			return dataDiskMountPoint == null ? DATA_MOUNT : dataDiskMountPoint;
		}
	}

	static byte[] metaData(SeedData seed) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("instance-id", seed.instanceId().toString());
		document.put("local-hostname", seed.hostname());
		return CloudConfig.dump(document).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * @param phoneHomeUrl where cloud-init posts {@code instance_id} and {@code hostname} once it is done.
	 * @throws CloudConfig.Problem if the vendor configuration is not acceptable cloud-config.
	 */
	static byte[] userData(SeedData seed, String phoneHomeUrl) {
		Map<String, Object> skyport = new LinkedHashMap<>();
		skyport.put("hostname", seed.hostname());
		if (!seed.sshAuthorizedKeys().isEmpty()) {
			skyport.put("ssh_authorized_keys", new ArrayList<>(seed.sshAuthorizedKeys()));
		}
		if (seed.dataDiskGib() != null) {
			Map<String, Object> disk = new LinkedHashMap<>();
			disk.put("table_type", "gpt");
			disk.put("layout", true);
			disk.put("overwrite", false);
			Map<String, Object> diskSetup = new LinkedHashMap<>();
			diskSetup.put(DATA_DISK, disk);
			skyport.put("disk_setup", diskSetup);
			Map<String, Object> filesystem = new LinkedHashMap<>();
			filesystem.put("label", DATA_LABEL);
			filesystem.put("filesystem", "ext4");
			filesystem.put("device", DATA_DISK);
			filesystem.put("partition", "auto");
			skyport.put("fs_setup", new ArrayList<>(List.of(filesystem)));
			// cloud-init resolves a whole disk to its first partition here (/dev/vdb -> /dev/vdb1).
			skyport.put("mounts", new ArrayList<>(List.of(
					new ArrayList<>(List.of(DATA_DISK, seed.mountPoint(), "ext4", "defaults,nofail", "0", "2")))));
		}
		Map<String, Object> phoneHome = new LinkedHashMap<>();
		phoneHome.put("url", phoneHomeUrl);
		phoneHome.put("post", new ArrayList<>(List.of("instance_id", "hostname")));
		phoneHome.put("tries", 10);
		skyport.put("phone_home", phoneHome);
		List<org.yaml.snakeyaml.nodes.NodeTuple> vendor = seed.vendorConfig() == null || seed.vendorConfig().isBlank()
				? List.of() : CloudConfig.vendorEntries(seed.vendorConfig());
		return CloudConfig.render(skyport, vendor).getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] networkConfig() {
		Map<String, Object> match = new LinkedHashMap<>();
		match.put("name", "e*");
		Map<String, Object> primary = new LinkedHashMap<>();
		primary.put("match", match);
		primary.put("dhcp4", true);
		Map<String, Object> ethernets = new LinkedHashMap<>();
		ethernets.put("primary", primary);
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("version", 2);
		document.put("ethernets", ethernets);
		return CloudConfig.dump(document).getBytes(StandardCharsets.UTF_8);
	}
}
