package io.skyport.compute.provider;

import org.jspecify.annotations.Nullable;

/**
 * How a node connects its guests: {@code USER} (QEMU user-mode networking, no host set-up; guests reach the host at
 * 10.0.2.2), a libvirt {@code NETWORK} by name, or a host {@code BRIDGE} by name.
 *
 * @param source the network or bridge name; {@code null} for {@code USER}.
 */
public record NetworkAttachment(Mode mode, @Nullable String source) {

	public enum Mode {
		USER, NETWORK, BRIDGE
	}

	public NetworkAttachment {
		if ((mode == Mode.USER) != (source == null || source.isBlank())) {
			throw new IllegalArgumentException(mode == Mode.USER ? "User-mode networking takes no source."
					: "A " + mode.name().toLowerCase() + " attachment needs a name.");
		}
	}

	public static NetworkAttachment user() {
		return new NetworkAttachment(Mode.USER, null);
	}
}
