package io.skyport.compute.nocloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The documents a seed serves, parsed back with SnakeYAML and checked by cloud-init's own schema and parsers.
 */
class SeedDocumentsTests {

	private static final UUID INSTANCE = UUID.fromString("0b7c4a52-3f0e-4d6e-9a51-2b1f4e6c8d90");
	private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDzNoZJ+GGtLTkNuGCcA3IDqNnG3A+BOk9cfDsv+ZPy6 ada@example";
	private static final String PHONE_HOME = "http://10.0.2.2:8080/nocloud/abcdefghijklmnopqrstuvwxyz012345/phone-home";
	private static final String VENDOR = """
			#cloud-config
			packages: [nginx, postgresql]
			write_files:
			  - path: /etc/motd
			    content: |
			      Welcome to Acme Cache.
			      Docs: https://acme.test/docs
			runcmd:
			  - [systemctl, enable, --now, nginx]
			hostname: vendor-wins-not
			ssh_authorized_keys: [ssh-rsa AAAA vendor]
			phone_home: {url: "http://evil.test/"}
			""";

	@Test
	void meta_data_names_the_instance_and_its_hostname_in_79_bytes_for_a_12_character_hostname() {
		byte[] metaData = SeedDocuments.metaData(seed("web-server-1", List.of(KEY), null, null));

		assertThat(parse(metaData)).containsExactly(Map.entry("instance-id", INSTANCE.toString()),
				Map.entry("local-hostname", "web-server-1"));
		assertThat(new String(metaData, StandardCharsets.UTF_8))
			.isEqualTo("instance-id: " + INSTANCE + "\nlocal-hostname: web-server-1\n");
		assertThat(metaData).hasSize(79);
	}

	@Test
	void user_data_without_data_disk_has_keys_hostname_and_phone_home_and_passes_cloud_inits_schema() throws Exception {
		byte[] userData = SeedDocuments.userData(seed("web-1", List.of(KEY, "ssh-rsa AAAAB3NzaC1yc2E second"), null, null),
				PHONE_HOME);

		assertThat(new String(userData, StandardCharsets.UTF_8)).startsWith("#cloud-config\n");
		Map<String, Object> config = parse(userData);
		assertThat(config).containsOnlyKeys("hostname", "ssh_authorized_keys", "phone_home");
		assertThat(config.get("hostname")).isEqualTo("web-1");
		assertThat(config.get("ssh_authorized_keys")).isEqualTo(List.of(KEY, "ssh-rsa AAAAB3NzaC1yc2E second"));
		assertThat(config.get("phone_home"))
			.isEqualTo(Map.of("url", PHONE_HOME, "post", List.of("instance_id", "hostname"), "tries", 10));
		assertValidForCloudInit(userData);
	}

	@Test
	void a_data_disk_is_partitioned_formatted_and_mounted_at_data() throws Exception {
		byte[] userData = SeedDocuments.userData(seed("db-1", List.of(KEY), 100, null), PHONE_HOME);

		Map<String, Object> config = parse(userData);
		assertThat(config.get("disk_setup"))
			.isEqualTo(Map.of("/dev/vdb", Map.of("table_type", "gpt", "layout", true, "overwrite", false)));
		assertThat(config.get("fs_setup")).isEqualTo(
				List.of(Map.of("label", "data", "filesystem", "ext4", "device", "/dev/vdb", "partition", "auto")));
		assertThat(config.get("mounts"))
			.isEqualTo(List.of(List.of("/dev/vdb", "/data", "ext4", "defaults,nofail", "0", "2")));
		assertValidForCloudInit(userData);
	}

	@Test
	void a_data_disk_is_mounted_where_the_plan_says_and_cloud_init_accepts_it() throws Exception {
		byte[] userData = SeedDocuments.userData(new SeedDocuments.SeedData(INSTANCE, "db-1", List.of(KEY), 100,
				"/var/lib/postgresql", null), PHONE_HOME);

		assertThat(parse(userData).get("mounts"))
			.isEqualTo(List.of(List.of("/dev/vdb", "/var/lib/postgresql", "ext4", "defaults,nofail", "0", "2")));
		assertValidForCloudInit(userData);
	}

	@Test
	void without_keys_there_is_no_empty_key_list_which_cloud_init_would_refuse() throws Exception {
		byte[] userData = SeedDocuments.userData(seed("bare", List.of(), null, null), PHONE_HOME);

		assertThat(parse(userData)).doesNotContainKey("ssh_authorized_keys");
		assertValidForCloudInit(userData);
	}

	@Test
	void vendor_keys_are_added_after_skyports_and_cannot_replace_keys_hostname_or_phone_home() throws Exception {
		byte[] userData = SeedDocuments.userData(seed("cache-1", List.of(KEY), 20, VENDOR), PHONE_HOME);

		String text = new String(userData, StandardCharsets.UTF_8);
		Map<String, Object> config = parse(userData);
		assertThat(config.keySet()).containsExactly("hostname", "ssh_authorized_keys", "disk_setup", "fs_setup", "mounts",
				"phone_home", "packages", "write_files", "runcmd");
		assertThat(config.get("hostname")).isEqualTo("cache-1");
		assertThat(config.get("ssh_authorized_keys")).isEqualTo(List.of(KEY));
		assertThat(config.get("phone_home")).extracting(value -> ((Map<?, ?>) value).get("url")).isEqualTo(PHONE_HOME);
		assertThat(config.get("packages")).isEqualTo(List.of("nginx", "postgresql"));
		assertThat(config.get("write_files")).isEqualTo(List.of(Map.of("path", "/etc/motd", "content",
				"Welcome to Acme Cache.\nDocs: https://acme.test/docs\n")));
		assertThat(config.get("runcmd")).isEqualTo(List.of(List.of("systemctl", "enable", "--now", "nginx")));
		assertThat(text).doesNotContain("evil.test", "vendor-wins-not", "ssh-rsa AAAA vendor").doesNotContain("&id");
		assertValidForCloudInit(userData);
	}

	@Test
	void network_config_is_version_2_dhcp_on_the_first_ethernet_nic_and_cloud_init_parses_it() throws Exception {
		Map<String, Object> config = parse(SeedDocuments.NETWORK_CONFIG);

		assertThat(config).isEqualTo(Map.of("version", 2, "ethernets",
				Map.of("primary", Map.of("match", Map.of("name", "e*"), "dhcp4", true))));
		CloudInit.Result parsed = CloudInit.parseNetworkConfig(SeedDocuments.NETWORK_CONFIG);
		assertThat(parsed.exitCode()).as(parsed.output()).isZero();
		assertThat(parsed.output()).startsWith("primary physical dhcp4\n").contains("name: e*").contains("dhcp4: true");
	}

	@Test
	void guest_configurations_must_be_one_cloud_config_mapping_without_skyports_keys() {
		assertThat(CloudConfig.validate("  \n")).isNull();
		assertThat(CloudConfig.validate(null)).isNull();
		assertThat(CloudConfig.validate("#cloud-config\npackages: [nginx]\n")).isEqualTo("#cloud-config\npackages: [nginx]\n");
		assertThat(CloudConfig.validate("#cloud-config\r\nruncmd:\r\n  - echo hi\r\n")).isNotNull();

		assertProblem("packages: [nginx]\n", "must start with the line #cloud-config");
		assertProblem("#!/bin/sh\necho hi\n", "must start with the line #cloud-config");
		assertProblem("#cloud-config\n", "has no settings");
		assertProblem("#cloud-config\n- a\n- b\n", "must be a YAML mapping");
		assertProblem("#cloud-config\npackages: [nginx\n", "not valid YAML");
		assertProblem("#cloud-config\na: 1\na: 2\n", "The key 'a' appears twice");
		assertProblem("#cloud-config\nbase: &b [x]\nruncmd: *b\n", "Anchors and aliases (&b, *b) are not allowed");
		assertProblem("#cloud-config\nbase: &b {x: 1}\nother:\n  <<: *b\n", "Anchors and aliases");
		assertProblem("#cloud-config\nruncmd: !!python/object/apply:os.system [id]\n", "tag is not allowed");
		assertProblem("#cloud-config\nruncmd: !custom [x]\n", "The tag !custom is not allowed");
		assertProblem("#cloud-config\n1: one\n", "keys must be plain names");
		assertProblem("#cloud-config\na: 1\n---\nb: 2\n", "one YAML document");
		assertProblem("#cloud-config\nruncmd: [x]\n" + "# padding\n".repeat(2000), "at most 16384 bytes");
		assertProblem("#cloud-config\nusers: [default]\nhostname: x\nmounts: []\n",
				"may not set users, hostname, mounts: Skyport sets the customer's SSH keys and users, the hostname, the data disk");
		assertProblem("#cloud-config\nssh_authorized_keys: [ssh-ed25519 AAAA]\n", "may not set ssh_authorized_keys");
	}

	@Test
	void a_billion_laughs_is_refused_without_being_expanded() {
		StringBuilder bomb = new StringBuilder("#cloud-config\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
		for (char c = 'b'; c <= 'j'; c++) {
			char previous = (char) (c - 1);
			bomb.append(c).append(": &").append(c).append(" [").append(("*" + previous + ",").repeat(8)).append('*')
				.append(previous).append("]\n");
		}
		assertProblem(bomb.toString(), "Anchors and aliases");
	}

	private static void assertProblem(String configuration, String message) {
		assertThatThrownBy(() -> CloudConfig.validate(configuration)).isInstanceOf(CloudConfig.Problem.class)
			.hasMessageContaining(message);
	}

	private static void assertValidForCloudInit(byte[] userData) throws Exception {
		CloudInit.Result result = CloudInit.validateUserData(userData);
		assertThat(result.exitCode()).as("cloud-init schema: " + result.output() + "\n" + new String(userData,
				StandardCharsets.UTF_8)).isZero();
		assertThat(result.output()).contains("valid");
	}

	private static SeedDocuments.SeedData seed(String hostname, List<String> keys, Integer dataDisk, String vendor) {
		return new SeedDocuments.SeedData(INSTANCE, hostname, keys, dataDisk, null, vendor);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> parse(byte[] yaml) {
		return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(new String(yaml, StandardCharsets.UTF_8));
	}
}
