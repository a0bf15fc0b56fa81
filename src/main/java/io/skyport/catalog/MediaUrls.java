package io.skyport.catalog;

import org.jspecify.annotations.Nullable;

/** Where the storefront fetches an object-storage key from. */
final class MediaUrls {

	static final String PREFIX = "/media/";

	private MediaUrls() {
	}

	static @Nullable String of(@Nullable String key) {
		return key == null ? null : PREFIX + key;
	}
}
