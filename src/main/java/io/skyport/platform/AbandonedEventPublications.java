package io.skyport.platform;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Event publications the platform gave up retrying ({@link EventPublicationRetries}): still FAILED, published longer
 * than {@code skyport.events.retry.give-up-after} ago. Read from the registry, so every server gives the same answer.
 */
@Component
public class AbandonedEventPublications {

	private final JdbcClient jdbc;
	private final Clock clock;
	private final Duration giveUpAfter;

	AbandonedEventPublications(JdbcClient jdbc, Clock clock,
			@Value("${skyport.events.retry.give-up-after:3d}") Duration giveUpAfter) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.giveUpAfter = giveUpAfter;
	}

	/** How many publications are abandoned now. */
	public long count() {
		return jdbc
			.sql("select count(*) from event_publication where status = 'FAILED' and completion_date is null "
					+ "and publication_date < ?")
			.param(java.sql.Timestamp.from(clock.instant().minus(giveUpAfter)))
			.query(Long.class)
			.single();
	}
}
