package io.skyport.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Gauges counted in the database: one query per TTL however often they are read, one query for all states of a
 * family, and the last value kept while the database fails.
 */
class DatabaseGaugesTests {

	enum Colour {
		RED, GREEN
	}

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void within_the_ttl_every_state_is_read_from_one_query() {
		DatabaseGauges gauges = new DatabaseGauges(meters, new DatabaseGauges.Settings(Duration.ofHours(1)));
		AtomicInteger queries = new AtomicInteger();
		gauges.countsByState("test.things", "Things", "colour", Colour.class, () -> {
			queries.incrementAndGet();
			return Map.of(Colour.RED, 3L);
		});

		for (int scrape = 0; scrape < 5; scrape++) {
			assertThat(meters.get("test.things").tag("colour", "red").gauge().value()).isEqualTo(3.0);
			assertThat(meters.get("test.things").tag("colour", "green").gauge().value()).as("a state without rows")
				.isZero();
		}
		assertThat(queries).hasValue(1);
	}

	@Test
	void without_a_ttl_each_read_counts_again() {
		DatabaseGauges gauges = new DatabaseGauges(meters, new DatabaseGauges.Settings(Duration.ZERO));
		AtomicLong rows = new AtomicLong(1);
		gauges.count("test.rows", "Rows", rows::get);

		assertThat(meters.get("test.rows").gauge().value()).isEqualTo(1.0);
		rows.set(7);
		assertThat(meters.get("test.rows").gauge().value()).isEqualTo(7.0);
	}

	@Test
	void a_failing_query_keeps_the_last_value() {
		DatabaseGauges gauges = new DatabaseGauges(meters, new DatabaseGauges.Settings(Duration.ZERO));
		AtomicLong rows = new AtomicLong(4);
		gauges.count("test.rows", "Rows", () -> {
			if (rows.get() < 0) {
				throw new IllegalStateException("database down");
			}
			return rows.get();
		});
		assertThat(meters.get("test.rows").gauge().value()).isEqualTo(4.0);

		rows.set(-1);

		assertThat(meters.get("test.rows").gauge().value()).isEqualTo(4.0);
	}
}
