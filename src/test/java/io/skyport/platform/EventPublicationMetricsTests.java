package io.skyport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * {@code skyport_events_incomplete} and {@code skyport_events_abandoned} count the registry's rows: a publication
 * still being processed is incomplete, a failed one older than the retry deadline is also abandoned.
 */
@SkyportIntegrationTest
class EventPublicationMetricsTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	private final UUID processing = UUID.randomUUID();
	private final UUID abandoned = UUID.randomUUID();

	@AfterEach
	void removeTheRows() {
		jdbc.sql("delete from event_publication where id in (:ids)").param("ids", java.util.List.of(processing, abandoned))
			.update();
	}

	@Test
	void a_running_publication_is_incomplete_and_an_old_failed_one_is_abandoned_too() {
		double incomplete = gauge(EventPublicationMetrics.INCOMPLETE);
		double given = gauge(EventPublicationMetrics.ABANDONED);

		insert(processing, "PROCESSING", Instant.now());
		assertThat(gauge(EventPublicationMetrics.INCOMPLETE)).isEqualTo(incomplete + 1);
		assertThat(gauge(EventPublicationMetrics.ABANDONED)).isEqualTo(given);

		insert(abandoned, "FAILED", Instant.now().minus(Duration.ofDays(4)));
		assertThat(gauge(EventPublicationMetrics.INCOMPLETE)).isEqualTo(incomplete + 2);
		assertThat(gauge(EventPublicationMetrics.ABANDONED)).isEqualTo(given + 1);

		jdbc.sql("update event_publication set completion_date = now(), status = 'COMPLETED' where id = :id")
			.param("id", processing).update();
		assertThat(gauge(EventPublicationMetrics.INCOMPLETE)).isEqualTo(incomplete + 1);
	}

	private void insert(UUID id, String status, Instant published) {
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
				  completion_attempts, status)
				values (:id, 'metrics-test-listener', 'java.lang.String', '"metrics test"', :published, 1, :status)""")
			.param("id", id)
			.param("published", Timestamp.from(published))
			.param("status", status)
			.update();
	}

	private double gauge(String name) {
		return meters.get(name).gauge().value();
	}
}
