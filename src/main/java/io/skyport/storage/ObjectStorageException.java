package io.skyport.storage;

import org.jspecify.annotations.Nullable;

/**
 * The object store failed: an I/O error, an unreachable or refusing S3 endpoint, content that did not match its
 * declared length, or an object that changed while it was being read. The message names the key and what failed;
 * it never contains credentials.
 */
public class ObjectStorageException extends RuntimeException {

	public ObjectStorageException(String message) {
		super(message);
	}

	public ObjectStorageException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}
}
