package io.skyport.storage;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link ObjectStorage} chosen by {@code skyport.storage.type}, and its health indicator.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

	/**
	 * Takes the properties so that they are bound at start-up whichever adapter matches: an unknown
	 * {@code skyport.storage.type} then fails with the property's name, not as a missing {@link ObjectStorage}.
	 */
	StorageConfiguration(StorageProperties properties) {
		log.debug("Object storage settings: {}", properties);
	}

	/** Reports the store as {@code storage} in {@code /actuator/health}. */
	@Bean
	@ConditionalOnEnabledHealthIndicator("storage")
	StorageHealthIndicator storageHealthIndicator(StorageAdapter storage) {
		return new StorageHealthIndicator(storage);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "skyport.storage.type", havingValue = "local", matchIfMissing = true)
	static class Local {

		@Bean
		LocalObjectStorage objectStorage(StorageProperties properties, Clock clock) {
			LocalObjectStorage storage = new LocalObjectStorage(properties.local().root(), clock);
			log.info("Object storage: local directory {}", storage.root());
			return storage;
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "skyport.storage.type", havingValue = "s3")
	static class S3 {

		@Bean
		S3ObjectStorage objectStorage(StorageProperties properties, Clock clock) {
			S3ObjectStorage storage = S3ObjectStorage.create(properties.s3(), clock);
			log.info("Object storage: S3 bucket {} at {} (region {})", storage.location().get("bucket"),
					storage.location().get("endpoint"), storage.location().get("region"));
			return storage;
		}
	}
}
