package io.skyport.platform;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.stereotype.Component;

/**
 * Completed event publications are kept for a while for diagnosis, then deleted so the outbox table stays small
 * (every {@code skyport.events.housekeeping-interval}, a recurring task in {@link EventPublicationJobs}).
 */
@Component
class EventPublicationHousekeeping {

	private static final Logger log = LoggerFactory.getLogger(EventPublicationHousekeeping.class);

	private final CompletedEventPublications completed;
	private final Duration retention;

	EventPublicationHousekeeping(CompletedEventPublications completed,
			@Value("${skyport.events.completed-retention:7d}") Duration retention) {
		this.completed = completed;
		this.retention = retention;
	}

	void deleteOldCompletedPublications() {
		completed.deletePublicationsOlderThan(retention);
		log.debug("Deleted completed event publications older than {}", retention);
	}
}
