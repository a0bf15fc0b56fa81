package io.skyport.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the object store can be used: the directory exists and is writable, or the bucket answers.
 */
class StorageHealthIndicator implements HealthIndicator {

	private final StorageAdapter storage;

	StorageHealthIndicator(StorageAdapter storage) {
		this.storage = storage;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up();
		try {
			storage.probe();
		}
		catch (ObjectStorageException e) {
			health = Health.down().withDetail("error", e.getMessage());
		}
		return health.withDetail("type", storage.type()).withDetails(storage.location()).build();
	}
}
