package io.skyport.compute.consolelogs;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Deletes console output captured longer ago than {@code skyport.compute.console-logs.retention}. */
@Component
class ConsoleLogRetention {

	private static final Logger log = LoggerFactory.getLogger(ConsoleLogRetention.class);

	private final ConsoleLogStore store;
	private final ConsoleLogProperties properties;
	private final Clock clock;

	ConsoleLogRetention(ConsoleLogStore store, ConsoleLogProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/** @return the chunks deleted. */
	int run() {
		return store.deleteCapturedBefore(clock.instant().minus(properties.retention()));
	}

	void scheduled() {
		try {
			int deleted = run();
			if (deleted > 0) {
				log.info("Deleted {} pieces of console output older than {}", deleted, properties.retention());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Deleting old console output failed; the next run is as scheduled", ex);
		}
	}
}
