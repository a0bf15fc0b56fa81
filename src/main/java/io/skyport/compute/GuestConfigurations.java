package io.skyport.compute;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.skyport.compute.nocloud.CloudConfig;
import io.skyport.platform.errors.InvalidInputException;

/**
 * The rules for a vendor-supplied guest configuration: cloud-init {@code #cloud-config} YAML that the NoCloud data
 * source merges into the user-data of the product's VMs. The catalog checks a product's configuration with them when
 * it is saved, so a configuration the data source would refuse never reaches a VM.
 */
public final class GuestConfigurations {

	/** At most this many bytes of UTF-8. */
	public static final int MAX_BYTES = CloudConfig.MAX_BYTES;

	/** Top-level keys Skyport sets itself; a guest configuration may not contain them. */
	public static final Set<String> RESERVED_KEYS = CloudConfig.RESERVED_KEYS;

	private GuestConfigurations() {
	}

	/**
	 * @return the configuration, or {@literal null} when it is blank (none).
	 * @throws InvalidInputException naming {@code field} if it is not one {@code #cloud-config} YAML mapping of at most
	 * {@value #MAX_BYTES} bytes without anchors, aliases or custom tags, or if it sets one of the
	 * {@link #RESERVED_KEYS}.
	 */
	public static @Nullable String validate(String field, @Nullable String configuration) {
		try {
			return CloudConfig.validate(configuration);
		}
		catch (CloudConfig.Problem ex) {
			throw InvalidInputException.of(field, ex.getMessage());
		}
	}
}
