package io.skyport.compute.libvirt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A libvirt connection URI, checked before libvirt sees it: libvirt hands a URI with an unknown scheme to its remote
 * driver, which then fails with a confusing message about a local socket.
 * <p>
 * Accepted: {@code driver[+transport]://[user@][host][:port]/path[?query]} with a known driver ({@code qemu},
 * {@code test}, {@code lxc}, {@code xen}, {@code libxl}, {@code ch}, {@code bhyve}, {@code vz}) and transport
 * ({@code ssh}, {@code libssh}, {@code libssh2}, {@code tcp}, {@code tls}, {@code unix}, {@code ext}).
 *
 * @param driver the hypervisor driver, e.g. {@code qemu}.
 * @param transport the transport, or empty for the default ({@code unix} without a host, {@code tls} with one).
 */
public record LibvirtUri(String uri, String driver, String transport, String host) {

	private static final Set<String> DRIVERS = Set.of("qemu", "test", "lxc", "xen", "libxl", "ch", "bhyve", "vz");

	private static final Set<String> TRANSPORTS = Set.of("", "ssh", "libssh", "libssh2", "tcp", "tls", "unix", "ext");

	private static final Pattern SCHEME = Pattern.compile("([a-z0-9]+)(?:\\+([a-z0-9]+))?");

	private static final String EXAMPLES = "e.g. qemu:///system, qemu+ssh://root@host/system or test:///default";

	/**
	 * Parses and checks a URI.
	 *
	 * @throws IllegalArgumentException with a message that names the URI and what is wrong with it.
	 */
	public static LibvirtUri parse(String uri) {
		URI parsed;
		try {
			parsed = new URI(uri.strip());
		}
		catch (URISyntaxException e) {
			throw invalid(uri, "it is not a URI (" + e.getReason() + " at character " + (e.getIndex() + 1) + ")");
		}
		if (parsed.getScheme() == null || parsed.isOpaque()) {
			throw invalid(uri, "it needs a scheme and a path");
		}
		Matcher scheme = SCHEME.matcher(parsed.getScheme());
		if (!scheme.matches()) {
			throw invalid(uri, "'" + parsed.getScheme() + "' is not a libvirt scheme");
		}
		String driver = scheme.group(1);
		String transport = scheme.group(2) == null ? "" : scheme.group(2);
		if (!DRIVERS.contains(driver)) {
			throw invalid(uri, "'" + driver + "' is not a libvirt driver");
		}
		if (!TRANSPORTS.contains(transport)) {
			throw invalid(uri, "'" + transport + "' is not a libvirt transport");
		}
		String host = parsed.getHost() == null ? "" : parsed.getHost();
		if (host.isEmpty() && parsed.getRawAuthority() != null) {
			throw invalid(uri, "the host name '" + parsed.getRawAuthority() + "' is not valid");
		}
		if (!host.isEmpty() && (transport.equals("unix"))) {
			throw invalid(uri, "the unix transport reaches only the local host; leave out the host name");
		}
		if ((transport.equals("ssh") || transport.equals("libssh") || transport.equals("libssh2")
				|| transport.equals("tcp")) && host.isEmpty()) {
			throw invalid(uri, "the " + transport + " transport needs a host name");
		}
		if (parsed.getPath() == null || parsed.getPath().isEmpty()) {
			throw invalid(uri, "it needs a path such as /system");
		}
		return new LibvirtUri(uri.strip(), driver, transport, host);
	}

	/** libvirt's built-in test hypervisor: in-process, no guest ever runs. */
	public boolean isTestDriver() {
		return driver.equals("test");
	}

	/** Whether the hypervisor runs on this machine, so files it writes can be read here. */
	public boolean isLocal() {
		return host.isEmpty() && (transport.isEmpty() || transport.equals("unix"));
	}

	/** Whether libvirt talks to the host over a network (where keep-alive matters). */
	public boolean isRemote() {
		return !host.isEmpty() || transport.equals("ext");
	}

	@Override
	public String toString() {
		return uri;
	}

	private static IllegalArgumentException invalid(String uri, String why) {
		return new IllegalArgumentException("'" + uri + "' is not a valid libvirt URI: " + why + " (" + EXAMPLES + ").");
	}
}
