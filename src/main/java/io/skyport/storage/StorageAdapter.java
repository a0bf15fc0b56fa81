package io.skyport.storage;

import java.util.Map;

/**
 * What the module itself needs to know about the configured adapter beyond the port: for the start-up log and the
 * health indicator.
 */
interface StorageAdapter extends ObjectStorage {

	/** {@code local} or {@code s3}. */
	String type();

	/** Where the objects are (directory, endpoint and bucket), without credentials. */
	Map<String, Object> location();

	/**
	 * Checks that the store can be reached and used.
	 *
	 * @throws ObjectStorageException saying what is wrong.
	 */
	void probe();
}
