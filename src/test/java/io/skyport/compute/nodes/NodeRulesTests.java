package io.skyport.compute.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.skyport.compute.provider.NetworkAttachment;
import io.skyport.compute.provider.VirtType;
import io.skyport.platform.errors.InvalidInputException;

/**
 * What a node's settings may be: libvirt URIs, names, regions, ratios, networks, the guests' base URL.
 */
class NodeRulesTests {

	@ParameterizedTest
	@ValueSource(strings = { "qemu:///system", "qemu:///session", "qemu+ssh://root@hv-01.example/system",
			"qemu+ssh://deploy@10.0.0.5:2222/system?keyfile=/etc/skyport/id_ed25519", "qemu+tls://hv-02.example/system",
			"qemu+tcp://10.0.0.7:16509/system", "qemu+unix:///system", "qemu://hv-03.example/system", "test:///default",
			"test:///etc/skyport/test-node.xml" })
	void libvirt_uris_skyport_can_use(String uri) {
		assertThat(NodeRules.uriProblem(uri)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			''                                 | Give the libvirt connection URI
			http://hv-01.example/system        | Use a libvirt URI starting with qemu://
			xen:///system                      | Use a libvirt URI starting with qemu://
			QEMU:///system                     | Use a libvirt URI starting with qemu://
			qemu:///root                       | A QEMU URI ends in /system
			qemu+ssh://root@hv-01.example      | A QEMU URI ends in /system
			qemu+ssh:///system                 | qemu+ssh connects to another machine
			qemu+unix://hv-01.example/system   | qemu+unix connects to this machine
			test://hv-01/default               | test connects to this machine
			test:///                           | The test driver needs /default
			qemu:system                        | is not a libvirt URI
			qemu:///system#fragment            | is not a libvirt URI
			qemu:///sys tem                    | is not a valid URI
			not a uri at all                   | is not a valid URI
			""")
	void uris_that_are_refused_with_a_reason(String uri, String message) {
		assertThat(NodeRules.uriProblem(uri)).contains(message);
	}

	@Test
	void every_broken_rule_is_reported_with_its_field() {
		NodeForm form = new NodeForm(" ", "nonsense", "EU West", "xen", 0, 1024L, null, new BigDecimal("100"),
				new BigDecimal("0.05"), new BigDecimal("1.234"), "BRIDGE", null, "bad pool!", "ftp://x;y", null);

		assertThatThrownBy(() -> NodeRules.validate(form)).isInstanceOfSatisfying(InvalidInputException.class,
				ex -> assertThat(ex.violations()).extracting(InvalidInputException.Violation::field)
					.contains("name", "uri", "region", "virtType", "vcpus", "diskGib", "cpuRatio", "ramRatio", "diskRatio",
							"networkSource", "storagePool", "datasourceBaseUrl"));
	}

	@Test
	void defaults_fill_what_is_left_out() {
		NodeSettings settings = NodeRules.validate(new NodeForm("hv-01", "qemu:///system", "local", null, null, null, null,
				null, null, null, null, null, null, " http://192.168.122.1:8080/ ", null));

		assertThat(settings.virtType()).isEqualTo(VirtType.KVM);
		assertThat(settings.capacity()).isNull();
		assertThat(settings.cpuRatio()).isEqualByComparingTo("4");
		assertThat(settings.ramRatio()).isEqualByComparingTo("1");
		assertThat(settings.network()).isEqualTo(NetworkAttachment.user());
		assertThat(settings.storagePool()).isEqualTo("default");
		assertThat(settings.datasourceBaseUrl()).isEqualTo("http://192.168.122.1:8080");
		assertThat(settings.simulateGuest()).as("a real host has guests of its own").isFalse();
	}

	@Test
	void test_driver_nodes_simulate_their_guests_unless_told_not_to() {
		NodeForm test = new NodeForm("t-01", "test:///default", "local", null, null, null, null, null, null, null, null,
				null, null, null, null);
		assertThat(NodeRules.validate(test).simulateGuest()).isTrue();
		assertThat(NodeRules.validate(new NodeForm("t-01", "test:///default", "local", null, null, null, null, null,
				null, null, null, null, null, null, false)).simulateGuest()).isFalse();
		assertThat(NodeRules.validate(new NodeForm("hv-01", "qemu:///system", "local", null, null, null, null, null,
				null, null, null, null, null, null, true)).simulateGuest()).isTrue();
	}

	@Test
	void a_capacity_override_gives_all_three_numbers() {
		assertThatThrownBy(() -> NodeRules.validate(new NodeForm("hv-01", "qemu:///system", "local", "QEMU", 8, null, null,
				null, null, null, null, null, null, null, null)))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.violations())
				.extracting(InvalidInputException.Violation::field).containsExactly("memoryMib", "diskGib"));

		assertThat(NodeRules.validate(new NodeForm("hv-01", "qemu:///system", "local", "qemu", 8, 16384L, 500L, null, null,
				null, "bridge", "br0", null, null, null)).capacity()).isEqualTo(new NodeSettings.Capacity(8, 16384, 500));
	}

	@Test
	void bridges_have_linux_interface_names_and_user_networking_takes_none() {
		assertThatThrownBy(() -> NodeRules.validate(new NodeForm("hv-01", "qemu:///system", "local", null, null, null, null,
				null, null, null, "BRIDGE", "a-bridge-name-too-long", null, null, null)))
			.hasMessageContaining("at most 15");
		assertThatThrownBy(() -> NodeRules.validate(new NodeForm("hv-01", "qemu:///system", "local", null, null, null, null,
				null, null, null, "USER", "br0", null, null, null)))
			.hasMessageContaining("takes no network or bridge name");
	}
}
