package io.skyport.compute.provider;

import org.jspecify.annotations.Nullable;

/**
 * Whether a provider can work at all in this process (for libvirt: whether the native library {@code libvirt0}
 * could be loaded), and if not, why — shown in the log and on the operators' pages.
 */
public record ProviderAvailability(boolean available, @Nullable String reason) {

	public static ProviderAvailability ready() {
		return new ProviderAvailability(true, null);
	}

	public static ProviderAvailability unavailable(String reason) {
		return new ProviderAvailability(false, reason);
	}
}
