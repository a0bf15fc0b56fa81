package io.skyport.platform.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges whose value is counted in the database. A scrape never waits for more than one query per gauge family: the
 * query's result is kept for {@code skyport.metrics.database-gauge-ttl} (10 s), so scrapes by several Prometheus
 * servers, or one scraping often, cost at most one query per family and interval. Each query should be a count on an
 * index. When a query fails the gauge keeps its last value (and logs why at WARN once per failure streak).
 */
@Component
public class DatabaseGauges {

	private static final Logger log = LoggerFactory.getLogger(DatabaseGauges.class);

	private final MeterRegistry meters;
	private final Duration ttl;

	DatabaseGauges(MeterRegistry meters, Settings settings) {
		this.meters = meters;
		this.ttl = settings.databaseGaugeTtl();
	}

	/** @param databaseGaugeTtl how long a counted value is kept before the next scrape counts again. */
	@ConfigurationProperties("skyport.metrics")
	record Settings(@DefaultValue("10s") Duration databaseGaugeTtl) {
	}

	/**
	 * One gauge {@code name} per constant of {@code states}, tagged {@code tag=<constant in lower case>}, all read from
	 * one {@code counts} query (states it does not return count 0). The label set is the enum's: bounded.
	 *
	 * @param counts the number of rows per state; runs on a scraping thread at most once per TTL.
	 */
	public <E extends Enum<E>> void countsByState(String name, String description, String tag, Class<E> states,
			Supplier<Map<E, Long>> counts) {
		Cached<Map<E, Long>> cached = new Cached<>(name, ttl, counts, new EnumMap<>(states));
		for (E state : states.getEnumConstants()) {
			Gauge.builder(name, cached, values -> values.get().getOrDefault(state, 0L).doubleValue())
				.description(description)
				.strongReference(true)
				.tag(tag, state.name().toLowerCase(java.util.Locale.ROOT))
				.register(meters);
		}
	}

	/** One gauge {@code name} read from {@code count}, which runs on a scraping thread at most once per TTL. */
	public void count(String name, String description, Supplier<Long> count) {
		Cached<Long> cached = new Cached<>(name, ttl, count, 0L);
		Gauge.builder(name, cached, value -> value.get().doubleValue())
			.description(description)
			.strongReference(true)
			.register(meters);
	}

	/** A value loaded at most once per TTL; the last good one while loading fails. */
	static final class Cached<T> {

		private final String name;
		private final long ttlNanos;
		private final Supplier<T> loader;
		private T value;
		private long loadedAt;
		private boolean loaded;
		private boolean failing;

		Cached(String name, Duration ttl, Supplier<T> loader, T initial) {
			this.name = name;
			this.ttlNanos = ttl.toNanos();
			this.loader = loader;
			this.value = initial;
		}

		synchronized T get() {
			long now = System.nanoTime();
			if (loaded && now - loadedAt < ttlNanos) {
				return value;
			}
			try {
				@Nullable T fresh = loader.get();
				if (fresh != null) {
					value = fresh;
				}
				failing = false;
			}
			catch (RuntimeException ex) {
				if (!failing) {
					log.warn("Cannot count {} for the metrics; keeping the last value: {}", name, ex.getMessage());
				}
				failing = true;
			}
			loaded = true;
			loadedAt = now;
			return value;
		}
	}
}
