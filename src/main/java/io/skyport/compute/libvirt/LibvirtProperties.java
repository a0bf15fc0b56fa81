package io.skyport.compute.libvirt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the libvirt adapter.
 *
 * @param connectTimeout how long opening a connection to a node may take before the node counts as unreachable.
 * @param callTimeout how long one libvirt call may take before the node counts as unreachable.
 * @param copyTimeout how long copying one image file into a node's storage pool ({@code importVolume}) may take, and
 *        copying an image into a root volume on hosts whose storage cannot create a volume backed by the image.
 * @param maxCallsPerNode libvirt calls running at once per node (each on its own thread).
 * @param maxQueuedCallsPerNode calls waiting for one of those threads; beyond that a call fails at once.
 * @param reconnectBackoff the pause after a failed connection before the next attempt, doubled after each further
 *        failure …
 * @param reconnectBackoffMax … up to this.
 * @param keepaliveInterval libvirt keep-alive messages on remote connections: one every interval …
 * @param keepaliveCount … and the connection is closed after this many go unanswered.
 * @param consoleLogDir the directory on the host where each machine's serial console is written
 *        ({@code <dir>/<machine>.log}).
 * @param consoleLogDirs the same per node name, for nodes that differ from {@code consoleLogDir}.
 */
@ConfigurationProperties("skyport.compute.libvirt")
record LibvirtProperties(
		@DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("30s") Duration callTimeout,
		@DefaultValue("10m") Duration copyTimeout,
		@DefaultValue("4") int maxCallsPerNode,
		@DefaultValue("32") int maxQueuedCallsPerNode,
		@DefaultValue("1s") Duration reconnectBackoff,
		@DefaultValue("60s") Duration reconnectBackoffMax,
		@DefaultValue("5s") Duration keepaliveInterval,
		@DefaultValue("3") int keepaliveCount,
		@DefaultValue("/var/log/skyport/consoles") Path consoleLogDir,
		@DefaultValue Map<String, Path> consoleLogDirs) {

	LibvirtProperties {
		requirePositive(connectTimeout, "connect-timeout");
		requirePositive(callTimeout, "call-timeout");
		requirePositive(copyTimeout, "copy-timeout");
		requirePositive(reconnectBackoff, "reconnect-backoff");
		requirePositive(keepaliveInterval, "keepalive-interval");
		if (reconnectBackoffMax.compareTo(reconnectBackoff) < 0) {
			throw new IllegalArgumentException(
					"skyport.compute.libvirt.reconnect-backoff-max must not be shorter than reconnect-backoff.");
		}
		if (maxCallsPerNode < 1 || maxQueuedCallsPerNode < 1 || keepaliveCount < 1) {
			throw new IllegalArgumentException("skyport.compute.libvirt.max-calls-per-node, max-queued-calls-per-node "
					+ "and keepalive-count must be at least 1.");
		}
		consoleLogDirs = Map.copyOf(consoleLogDirs);
	}

	/** The defaults, as documented in the README. */
	static LibvirtProperties defaults() {
		return new LibvirtProperties(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(10), 4, 32,
				Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(5), 3, Path.of("/var/log/skyport/consoles"),
				Map.of());
	}

	/** Where the consoles of machines on the named node are written. */
	Path consoleLogDir(String nodeName) {
		return consoleLogDirs.getOrDefault(nodeName, consoleLogDir);
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("skyport.compute.libvirt." + name + " must be positive.");
		}
	}
}
