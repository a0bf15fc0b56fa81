package io.skyport.compute.nodes;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.skyport.compute.provider.NetworkAttachment;
import io.skyport.compute.provider.VirtType;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;

/**
 * The rules a node's settings must follow, each broken one reported with its field and a fix.
 */
final class NodeRules {

	static final BigDecimal DEFAULT_CPU_RATIO = new BigDecimal("4.0");
	static final BigDecimal DEFAULT_RAM_RATIO = new BigDecimal("1.0");
	static final BigDecimal DEFAULT_DISK_RATIO = new BigDecimal("1.0");
	static final String DEFAULT_POOL = "default";

	static final int MAX_VCPUS = 4096;
	static final long MAX_MEMORY_MIB = 16L * 1024 * 1024;
	static final long MAX_DISK_GIB = 1024L * 1024;

	private static final BigDecimal MIN_RATIO = new BigDecimal("0.1");
	private static final BigDecimal MAX_RATIO = new BigDecimal("64");

	static final Set<String> URI_SCHEMES = Set.of("qemu", "qemu+ssh", "qemu+tls", "qemu+tcp", "qemu+unix", "test");
	private static final Set<String> REMOTE_SCHEMES = Set.of("qemu+ssh", "qemu+tls", "qemu+tcp");
	private static final String URI_EXAMPLES = "qemu:///system, qemu+ssh://root@host.example/system or test:///default";

	static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
	static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,50}");
	private static final Pattern NETWORK_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
	private static final Pattern BRIDGE_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,15}");
	private static final Pattern POOL_NAME = Pattern.compile("[A-Za-z0-9_.+-]{1,100}");
	private static final Pattern TEST_DRIVER_PATH = Pattern.compile("/[A-Za-z0-9_./-]+");

	private NodeRules() {
	}

	/** Whether the URI names libvirt's test driver, whose machines have no guest. */
	static boolean isTestDriver(String uri) {
		return uri.startsWith("test:///");
	}

	/** @throws InvalidInputException naming every broken rule. */
	static NodeSettings validate(NodeForm form) {
		List<Violation> violations = new ArrayList<>();
		String name = name(form.name(), violations);
		String uri = uri(form.uri(), violations);
		String region = region(form.region(), violations);
		VirtType virtType = virtType(form.virtType(), violations);
		NodeSettings.Capacity capacity = capacity(form.vcpus(), form.memoryMib(), form.diskGib(), violations);
		BigDecimal cpuRatio = ratio("cpuRatio", "CPU", form.cpuRatio(), DEFAULT_CPU_RATIO, violations);
		BigDecimal ramRatio = ratio("ramRatio", "RAM", form.ramRatio(), DEFAULT_RAM_RATIO, violations);
		BigDecimal diskRatio = ratio("diskRatio", "disk", form.diskRatio(), DEFAULT_DISK_RATIO, violations);
		NetworkAttachment network = network(form.networkMode(), form.networkSource(), violations);
		String pool = storagePool(form.storagePool(), violations);
		String baseUrl = datasourceBaseUrl(form.datasourceBaseUrl(), violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		boolean simulateGuest = form.simulateGuest() != null ? form.simulateGuest() : isTestDriver(uri);
		return new NodeSettings(name, uri, region, virtType, capacity, cpuRatio, ramRatio, diskRatio, network, pool,
				baseUrl, simulateGuest);
	}

	static String name(@Nullable String value, List<Violation> violations) {
		String name = strip(value);
		if (name.isEmpty()) {
			violations.add(new Violation("name", "Give the node a name, e.g. hv-01."));
		}
		else if (!NAME.matcher(name).matches()) {
			violations.add(new Violation("name", "Name the node with at most 100 letters, digits, '.', '-' and '_', "
					+ "starting with a letter or digit (e.g. hv-01)."));
		}
		return name;
	}

	static String region(@Nullable String value, List<Violation> violations) {
		String region = strip(value);
		if (region.isEmpty()) {
			violations.add(new Violation("region", "Give the node's region, e.g. local or eu-west-1."));
		}
		else if (!REGION.matcher(region).matches()) {
			violations.add(new Violation("region", "'" + shorten(region) + "' is not a region name: use 1 to 50 "
					+ "lower-case letters, digits and '-' (e.g. eu-west-1)."));
		}
		return region;
	}

	static String uri(@Nullable String value, List<Violation> violations) {
		String text = strip(value);
		String problem = uriProblem(text);
		if (problem != null) {
			violations.add(new Violation("uri", problem));
		}
		return text;
	}

	/** @return what is wrong with a libvirt connection URI, or {@code null} if it is one Skyport can use. */
	static @Nullable String uriProblem(String text) {
		if (text.isEmpty()) {
			return "Give the libvirt connection URI, e.g. " + URI_EXAMPLES + ".";
		}
		if (text.length() > 500) {
			return "Keep the URI under 500 characters.";
		}
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			return "'" + shorten(text) + "' is not a valid URI (" + ex.getReason() + "). Use e.g. " + URI_EXAMPLES + ".";
		}
		String scheme = uri.getScheme();
		if (scheme == null || !URI_SCHEMES.contains(scheme)) {
			return "Use a libvirt URI starting with qemu://, qemu+ssh://, qemu+tls://, qemu+tcp://, qemu+unix:// or "
					+ "test://, e.g. " + URI_EXAMPLES + ".";
		}
		if (uri.isOpaque() || uri.getRawFragment() != null) {
			return "'" + shorten(text) + "' is not a libvirt URI: write " + scheme + "://host/path, e.g. "
					+ URI_EXAMPLES + ".";
		}
		boolean hasAuthority = uri.getRawAuthority() != null;
		if (REMOTE_SCHEMES.contains(scheme) && (uri.getHost() == null || uri.getHost().isBlank())) {
			return scheme + " connects to another machine: name it, e.g. " + scheme + "://root@host.example/system.";
		}
		if ((scheme.equals("qemu+unix") || scheme.equals("test")) && hasAuthority) {
			return scheme + " connects to this machine: leave the host out, e.g. " + scheme
					+ (scheme.equals("test") ? ":///default." : ":///system.");
		}
		String path = uri.getPath() == null ? "" : uri.getPath();
		if (scheme.equals("test")) {
			if (!TEST_DRIVER_PATH.matcher(path).matches() || path.contains("/../")) {
				return "The test driver needs /default or the absolute path of its configuration file, e.g. test:///default.";
			}
		}
		else if (!path.equals("/system") && !path.equals("/session")) {
			return "A QEMU URI ends in /system (the system daemon) or /session (the user's own), e.g. " + scheme
					+ (hasAuthority ? "://" + uri.getRawAuthority() : "://") + "/system.";
		}
		return null;
	}

	static VirtType virtType(@Nullable String value, List<Violation> violations) {
		String text = strip(value);
		if (text.isEmpty()) {
			return VirtType.KVM;
		}
		try {
			return VirtType.valueOf(text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			violations.add(new Violation("virtType", "Choose KVM (hardware virtualisation) or QEMU (software "
					+ "emulation, for nested hosts whose /dev/kvm does not really work)."));
			return VirtType.KVM;
		}
	}

	/** All three numbers, or none (then libvirt's count). */
	static NodeSettings.@Nullable Capacity capacity(@Nullable Integer vcpus, @Nullable Long memoryMib,
			@Nullable Long diskGib, List<Violation> violations) {
		if (vcpus == null && memoryMib == null && diskGib == null) {
			return null;
		}
		int before = violations.size();
		if (vcpus == null || memoryMib == null || diskGib == null) {
			String message = "Give vCPUs, RAM and disk together to override what libvirt reports, or leave all three empty.";
			if (vcpus == null) {
				violations.add(new Violation("vcpus", message));
			}
			if (memoryMib == null) {
				violations.add(new Violation("memoryMib", message));
			}
			if (diskGib == null) {
				violations.add(new Violation("diskGib", message));
			}
		}
		if (vcpus != null && (vcpus < 1 || vcpus > MAX_VCPUS)) {
			violations.add(new Violation("vcpus", "vCPUs must be between 1 and " + MAX_VCPUS + " (got " + vcpus + ")."));
		}
		if (memoryMib != null && (memoryMib < 1 || memoryMib > MAX_MEMORY_MIB)) {
			violations.add(new Violation("memoryMib",
					"RAM must be between 1 and " + MAX_MEMORY_MIB + " MiB (16 TiB) (got " + memoryMib + ")."));
		}
		if (diskGib != null && (diskGib < 1 || diskGib > MAX_DISK_GIB)) {
			violations.add(new Violation("diskGib",
					"Disk must be between 1 and " + MAX_DISK_GIB + " GiB (1 PiB) (got " + diskGib + ")."));
		}
		return violations.size() > before || vcpus == null || memoryMib == null || diskGib == null ? null
				: new NodeSettings.Capacity(vcpus, memoryMib, diskGib);
	}

	static BigDecimal ratio(String field, String what, @Nullable BigDecimal value, BigDecimal fallback,
			List<Violation> violations) {
		if (value == null) {
			return fallback;
		}
		if (value.compareTo(MIN_RATIO) < 0 || value.compareTo(MAX_RATIO) > 0) {
			violations.add(new Violation(field, "The " + what + " overcommit ratio must be between 0.1 and 64 (got "
					+ value.toPlainString() + ")."));
			return fallback;
		}
		if (value.stripTrailingZeros().scale() > 2) {
			violations.add(new Violation(field, "The " + what + " overcommit ratio has at most 2 decimals (got "
					+ value.toPlainString() + ")."));
			return fallback;
		}
		return value.setScale(2);
	}

	static NetworkAttachment network(@Nullable String modeValue, @Nullable String sourceValue,
			List<Violation> violations) {
		String modeText = strip(modeValue);
		String source = strip(sourceValue);
		NetworkAttachment.Mode mode;
		try {
			mode = modeText.isEmpty() ? NetworkAttachment.Mode.USER
					: NetworkAttachment.Mode.valueOf(modeText.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			violations.add(new Violation("networkMode", "Choose USER (user-mode networking, nothing to set up), "
					+ "NETWORK (a libvirt network) or BRIDGE (a bridge on the host)."));
			return NetworkAttachment.user();
		}
		switch (mode) {
			case USER -> {
				if (!source.isEmpty()) {
					violations.add(new Violation("networkSource",
							"User-mode networking takes no network or bridge name: leave it empty."));
				}
				return NetworkAttachment.user();
			}
			case NETWORK -> {
				if (!NETWORK_NAME.matcher(source).matches()) {
					violations.add(new Violation("networkSource", source.isEmpty()
							? "Name the libvirt network, e.g. default."
							: "A libvirt network name has at most 100 letters, digits, '.', ':', '-' and '_'."));
					return NetworkAttachment.user();
				}
			}
			case BRIDGE -> {
				if (!BRIDGE_NAME.matcher(source).matches()) {
					violations.add(new Violation("networkSource", source.isEmpty()
							? "Name the bridge on the host, e.g. br0."
							: "A bridge name has at most 15 letters, digits, '.', ':', '-' and '_' (e.g. br0)."));
					return NetworkAttachment.user();
				}
			}
		}
		return new NetworkAttachment(mode, source);
	}

	static String storagePool(@Nullable String value, List<Violation> violations) {
		String pool = strip(value);
		if (pool.isEmpty()) {
			return DEFAULT_POOL;
		}
		if (!POOL_NAME.matcher(pool).matches()) {
			violations.add(new Violation("storagePool", "A storage pool name has at most 100 letters, digits, '.', "
					+ "'+', '-' and '_' (e.g. default)."));
		}
		return pool;
	}

	static @Nullable String datasourceBaseUrl(@Nullable String value, List<Violation> violations) {
		String text = strip(value);
		if (text.isEmpty()) {
			return null;
		}
		while (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		if (!isBaseUrl(text)) {
			violations.add(new Violation("datasourceBaseUrl", "Give the address guests reach Skyport at, e.g. "
					+ "http://10.0.2.2:8080: http or https, a host, no query, spaces or ';', under 400 characters."));
			return null;
		}
		return text;
	}

	/** Whether {@code text} can start a NoCloud seed URL inside an SMBIOS serial (no spaces, no ';'). */
	static boolean isBaseUrl(String text) {
		if (text.length() > 400 || text.chars().anyMatch(c -> c <= ' ' || c == ';' || c == '%' || c > 126)) {
			return false;
		}
		try {
			URI uri = new URI(text);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
					&& uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static String strip(@Nullable String value) {
		return value == null ? "" : value.strip();
	}

	private static String shorten(String text) {
		return text.length() <= 60 ? text : text.substring(0, 59) + "…";
	}
}
