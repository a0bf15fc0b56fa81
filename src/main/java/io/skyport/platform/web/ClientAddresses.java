package io.skyport.platform.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a request came from: the one place that decides it, for sign-in throttling, the audit trail and rate
 * limits. It is the TCP peer ({@code getRemoteAddr()}) unless that peer is one of the configured trusted proxies
 * ({@code skyport.web.trusted-proxies}, CIDRs; none by default); only then is {@code X-Forwarded-For} read, from the
 * right, and the first hop that is not itself a trusted proxy is the client. A header from anyone else is ignored,
 * so a client cannot choose its own address.
 * <p>
 * The peer's address is returned as the servlet container gives it (Tomcat: {@code 2001:db8:0:0:0:0:0:1}); a
 * forwarded one in the same canonical form, IPv4-mapped IPv6 as IPv4.
 */
@Component
public class ClientAddresses {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	private final List<Cidr> trustedProxies;

	ClientAddresses(@Value("${skyport.web.trusted-proxies:}") List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
	}

	/** The client address of this request. */
	public String resolve(HttpServletRequest request) {
		String remote = request.getRemoteAddr();
		if (trustedProxies.isEmpty()) {
			return remote;
		}
		String peer = canonical(remote);
		if (peer == null || !trusted(peer)) {
			return remote;
		}
		List<String> hops = new ArrayList<>();
		Enumeration<String> headers = request.getHeaders(FORWARDED_FOR);
		while (headers != null && headers.hasMoreElements()) {
			for (String hop : headers.nextElement().split(",")) {
				hops.add(hop.strip());
			}
		}
		String client = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = canonical(hops.get(i));
			if (hop == null) {
				return client;
			}
			client = hop;
			if (!trusted(hop)) {
				return hop;
			}
		}
		return client;
	}

	/** The client address of the request this thread is serving, if it serves one. */
	public Optional<String> current() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return Optional.of(resolve(attributes.getRequest()));
		}
		return Optional.empty();
	}

	private boolean trusted(String address) {
		byte[] bytes = bytes(address);
		return bytes != null && trustedProxies.stream().anyMatch(cidr -> cidr.contains(bytes));
	}

	/**
	 * @return the canonical text of an IP address literal, or {@literal null} if it is none (never a DNS look-up).
	 */
	static @Nullable String canonical(@Nullable String literal) {
		byte[] bytes = bytes(literal);
		if (bytes == null) {
			return null;
		}
		try {
			return InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static byte @Nullable [] bytes(@Nullable String literal) {
		if (literal == null) {
			return null;
		}
		String value = literal.strip();
		if (value.startsWith("[") && value.endsWith("]")) {
			value = value.substring(1, value.length() - 1);
		}
		int zone = value.indexOf('%');
		if (zone >= 0) {
			value = value.substring(0, zone);
		}
		if (value.isEmpty() || value.length() > 45 || !value.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
			return null;
		}
		if (value.indexOf(':') < 0 && !value.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
			return null;
		}
		try {
			// Only digits, dots and colons reach this point: a literal, so no name resolution happens.
			return InetAddress.getByName(value).getAddress();
		}
		catch (UnknownHostException | IllegalArgumentException ex) {
			return null;
		}
	}

	/** A network in CIDR notation; a bare address is a network of one. */
	record Cidr(byte[] network, int prefix) {

		static Cidr parse(String text) {
			int slash = text.indexOf('/');
			byte[] address = bytes(slash < 0 ? text : text.substring(0, slash));
			if (address == null) {
				throw new IllegalArgumentException("skyport.web.trusted-proxies: '" + text
						+ "' is not an IP address or CIDR network (e.g. 10.0.0.0/8, 2001:db8::/32)");
			}
			int prefix = address.length * 8;
			if (slash >= 0) {
				try {
					prefix = Integer.parseInt(text.substring(slash + 1));
				}
				catch (NumberFormatException ex) {
					prefix = -1;
				}
				if (prefix < 0 || prefix > address.length * 8) {
					throw new IllegalArgumentException("skyport.web.trusted-proxies: '" + text + "' has a prefix length "
							+ "outside 0.." + address.length * 8);
				}
			}
			return new Cidr(address, prefix);
		}

		boolean contains(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			int full = prefix / 8;
			for (int i = 0; i < full; i++) {
				if (address[i] != network[i]) {
					return false;
				}
			}
			int rest = prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (address[full] & mask) == (network[full] & mask);
		}
	}
}
