package io.skyport.storage;

import java.time.Duration;

/**
 * The argument rules of {@link ObjectStorage} besides the key, checked the same way by every adapter.
 */
final class StorageArguments {

	static final Duration MAX_PRESIGN_VALIDITY = Duration.ofDays(7);

	private static final int MAX_CONTENT_TYPE_LENGTH = 255;

	private StorageArguments() {
	}

	static void checkPut(String key, long length, String contentType) {
		ObjectKey.requireValid(key);
		if (length < 0) {
			throw new IllegalArgumentException("The length of object '" + key + "' must not be negative, was " + length);
		}
		if (contentType.isBlank() || contentType.length() > MAX_CONTENT_TYPE_LENGTH
				|| !contentType.chars().allMatch(c -> c >= ' ' && c <= '~')) {
			throw new IllegalArgumentException("The content type of object '" + key
					+ "' must be 1 to 255 printable ASCII characters, such as image/webp");
		}
	}

	static void checkPresign(String key, Duration validity) {
		ObjectKey.requireValid(key);
		if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_PRESIGN_VALIDITY) > 0) {
			throw new IllegalArgumentException(
					"A presigned URL must be valid for more than zero and at most 7 days, not " + validity);
		}
	}
}
