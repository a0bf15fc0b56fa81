package io.skyport.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The client address: the TCP peer, unless that peer is a configured trusted proxy — then the rightmost
 * {@code X-Forwarded-For} hop that is not itself trusted.
 */
class ClientAddressesTests {

	@Test
	void without_trusted_proxies_a_forwarded_header_is_ignored() {
		ClientAddresses addresses = new ClientAddresses(List.of());

		assertThat(addresses.resolve(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
	}

	@Test
	void a_header_from_a_peer_that_is_not_trusted_is_ignored() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));

		assertThat(addresses.resolve(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
	}

	@Test
	void a_trusted_proxy_names_the_client() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));

		assertThat(addresses.resolve(request("10.1.2.3", "198.51.100.1"))).isEqualTo("198.51.100.1");
	}

	@Test
	void the_rightmost_untrusted_hop_is_the_client_so_a_spoofed_left_part_does_not_count() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "192.168.7.7"));

		assertThat(addresses.resolve(request("10.1.2.3", "1.1.1.1, 198.51.100.1, 192.168.7.7"))).isEqualTo("198.51.100.1");
		assertThat(addresses.resolve(request("10.1.2.3", "1.1.1.1", "198.51.100.1"))).as("several headers")
			.isEqualTo("198.51.100.1");
	}

	@Test
	void when_every_hop_is_trusted_the_leftmost_is_the_client() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));

		assertThat(addresses.resolve(request("10.1.2.3", "10.9.9.9, 10.5.5.5"))).isEqualTo("10.9.9.9");
	}

	@Test
	void a_malformed_hop_stops_the_walk_at_the_last_address_that_was_trusted() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));

		assertThat(addresses.resolve(request("10.1.2.3", "198.51.100.1, evil.example"))).isEqualTo("10.1.2.3");
		assertThat(addresses.resolve(request("10.1.2.3", "unknown"))).isEqualTo("10.1.2.3");
		assertThat(addresses.resolve(request("10.1.2.3", "999.1.1.1"))).isEqualTo("10.1.2.3");
		assertThat(addresses.resolve(request("10.1.2.3"))).as("no header").isEqualTo("10.1.2.3");
	}

	@Test
	void ipv6_peers_networks_and_hops_work_like_ipv4() {
		ClientAddresses addresses = new ClientAddresses(List.of("2001:db8:ffff::/48", "::1"));

		assertThat(addresses.resolve(request("2001:db8:ffff:0:0:0:0:2", "2001:db8:1::7")))
			.isEqualTo("2001:db8:1:0:0:0:0:7");
		assertThat(addresses.resolve(request("0:0:0:0:0:0:0:1", "[2001:db8:2::1]"))).isEqualTo("2001:db8:2:0:0:0:0:1");
		assertThat(addresses.resolve(request("2001:db8:fffe::2", "2001:db8:1::7"))).as("outside the /48")
			.isEqualTo("2001:db8:fffe::2");
		assertThat(addresses.resolve(request("::1", "::ffff:198.51.100.4"))).as("IPv4-mapped")
			.isEqualTo("198.51.100.4");
	}

	@Test
	void a_configured_network_that_is_not_one_stops_the_start() {
		assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.example")))
			.hasMessageContaining("'proxy.example' is not an IP address");
		assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33"))).hasMessageContaining("prefix length");
	}

	@Test
	void networks_match_by_their_prefix() {
		ClientAddresses.Cidr network = ClientAddresses.Cidr.parse("192.168.4.0/22");

		assertThat(network.contains(new byte[] { (byte) 192, (byte) 168, 7, (byte) 255 })).isTrue();
		assertThat(network.contains(new byte[] { (byte) 192, (byte) 168, 8, 0 })).isFalse();
		assertThat(ClientAddresses.Cidr.parse("0.0.0.0/0").contains(new byte[] { 1, 2, 3, 4 })).isTrue();
	}

	private static MockHttpServletRequest request(String peer, String... forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		for (String header : forwardedFor) {
			request.addHeader("X-Forwarded-For", header);
		}
		return request;
	}
}
