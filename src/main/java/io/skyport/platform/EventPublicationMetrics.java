package io.skyport.platform;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.skyport.platform.metrics.DatabaseGauges;

/**
 * The event publication registry's series, counted in {@code event_publication} on its partial index of incomplete
 * publications (kept for the gauge TTL), so every server reports the same cluster-wide numbers:
 * {@code skyport_events_incomplete}, publications whose listener has not completed (running, waiting for a retry, or
 * abandoned), and {@code skyport_events_abandoned}, failed ones older than {@code skyport.events.retry.give-up-after},
 * which {@link EventPublicationRetries} no longer resubmits.
 */
@Component
class EventPublicationMetrics {

	static final String INCOMPLETE = "skyport.events.incomplete";
	static final String ABANDONED = "skyport.events.abandoned";

	EventPublicationMetrics(DatabaseGauges gauges, JdbcClient jdbc, EventPublicationRetries.Settings settings,
			Clock clock) {
		gauges.count(INCOMPLETE, "Event publications whose listener has not completed yet (running, failed and "
				+ "waiting for a retry, or abandoned)",
				() -> jdbc.sql("select count(*) from event_publication where completion_date is null")
					.query(Long.class)
					.single());
		gauges.count(ABANDONED, "Failed event publications older than skyport.events.retry.give-up-after, no longer "
				+ "retried (kept in event_publication for an operator)",
				() -> jdbc.sql("""
						select count(*) from event_publication
						where completion_date is null and status = 'FAILED' and publication_date < :limit""")
					.param("limit", Timestamp.from(clock.instant().minus(settings.giveUpAfter())))
					.query(Long.class)
					.single());
	}
}
