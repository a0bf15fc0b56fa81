package io.skyport.monitoring.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.skyport.platform.errors.InvalidInputException;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * Samples written, downsampled, read back as series and removed by retention, with times of the test's own (a day
 * long ago, so that nothing else in the shared database is touched).
 */
@SkyportIntegrationTest
class SampleStorageTests {

	@Autowired
	SampleStore store;

	@Autowired
	Rollups rollups;

	@Autowired
	Retention retention;

	@Autowired
	SeriesQuery series;

	@Autowired
	MetricReader reader;

	@Autowired
	JdbcClient jdbc;

	/** A day of its own per test, two years back: partitions and retention cutoffs never meet other tests' rows. */
	static Instant day(int offset) {
		return Instant.parse("2024-03-01T00:00:00Z").plus(Duration.ofDays(offset));
	}

	@Test
	void minutes_and_hours_keep_rates_and_time_weighted_means_of_the_raw_samples() {
		UUID instance = UUID.randomUUID();
		Instant start = day(0).plus(Duration.ofHours(10));
		// two hours of 15 s samples: 40 % CPU and 1,500 bytes out per sample (100 B/s) in the first hour, 80 % and
		// 3,000 bytes (200 B/s) in the second
		List<InstanceSample> samples = new ArrayList<>();
		for (int i = 1; i <= 480; i++) {
			boolean second = i > 240;
			samples.add(sample(instance, start.plusSeconds(15L * i - 1), second ? 80 : 40, second ? 3_000 : 1_500));
		}
		store.record(samples, List.of(), List.of());

		rollups.rollUp(Resolution.MINUTE, start, start.plus(Duration.ofHours(2)));
		rollups.rollUp(Resolution.HOUR, start, start.plus(Duration.ofHours(2)));

		assertThat(jdbc.sql("select count(*) from monitoring_instance_minutes where instance_id = ?").param(instance)
			.query(Long.class).single()).isEqualTo(120);
		List<Double> hourlyCpu = jdbc.sql(
				"select cpu_percent from monitoring_instance_hours where instance_id = ? order by sampled_at").param(instance)
			.query(Double.class).list();
		assertThat(hourlyCpu).containsExactly(40.0, 80.0);
		assertThat(jdbc.sql("select net_out from monitoring_instance_hours where instance_id = ? order by sampled_at")
			.param(instance).query(Long.class).list()).containsExactly(360_000L, 720_000L);

		rollups.rollUp(Resolution.MINUTE, start, start.plus(Duration.ofHours(2)));
		assertThat(jdbc.sql("select sum(samples) from monitoring_instance_minutes where instance_id = ?").param(instance)
			.query(Long.class).single()).as("rolling up again replaces, never adds").isEqualTo(480);

		var stats = reader.window(Metric.NETWORK_OUT, instance, start, start.plus(Duration.ofHours(1)));
		assertThat(stats).hasValueSatisfying(window -> {
			assertThat(window.samples()).isEqualTo(240);
			assertThat(window.min()).isEqualTo(100.0);
			assertThat(window.max()).isEqualTo(100.0);
		});
		assertThat(reader.window(Metric.CPU, start, start.plus(Duration.ofHours(2)))).containsKey(instance);
	}

	@Test
	void retention_drops_whole_partitions_and_older_rows_per_resolution() {
		UUID instance = UUID.randomUUID();
		Instant first = day(10).plus(Duration.ofHours(23));
		Instant second = day(11).plus(Duration.ofHours(12));
		store.record(List.of(sample(instance, first, 10, 100), sample(instance, second, 10, 100)), List.of(), List.of());
		rollups.rollUp(Resolution.MINUTE, day(10), day(12));
		rollups.rollUp(Resolution.HOUR, day(10), day(12));
		String partition = "monitoring_instance_samples_p" + day(10).toString().substring(0, 10).replace("-", "");
		assertThat(partitionExists(partition)).isTrue();

		Retention.Removed removed = retention.run(second.plus(Duration.ofHours(20)));

		assertThat(partitionExists(partition)).as("the day's raw partition is past 24 h").isFalse();
		assertThat(removed.partitions()).isPositive();
		assertThat(rows("monitoring_instance_samples", instance)).as("the next day's sample is kept").isEqualTo(1);
		assertThat(rows("monitoring_instance_minutes", instance)).as("minutes are kept 14 days").isEqualTo(2);

		retention.run(second.plus(Duration.ofDays(15)));
		assertThat(rows("monitoring_instance_samples", instance)).isZero();
		assertThat(rows("monitoring_instance_minutes", instance)).isZero();
		assertThat(rows("monitoring_instance_hours", instance)).as("hours are kept 13 months").isEqualTo(2);
	}

	@Test
	void a_series_reads_the_coarsest_resolution_that_fits_and_refuses_impossible_requests() {
		UUID instance = UUID.randomUUID();
		Instant now = Instant.now();
		List<InstanceSample> samples = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			samples.add(sample(instance, now.minusSeconds(15L * i + 1), 50, 1_500));
		}
		store.record(samples, List.of(), List.of());

		SeriesQuery.Series raw = series.read(new SeriesQuery.Request(SubjectKind.INSTANCE, instance,
				List.of(Metric.CPU, Metric.NETWORK_OUT), now.minus(Duration.ofMinutes(5)), now, Duration.ofSeconds(15)));
		assertThat(raw.resolution()).isEqualTo(Resolution.RAW);
		assertThat(raw.timestamps()).hasSizeBetween(19, 21);
		assertThat(raw.series().get(0).values()).allSatisfy(value -> assertThat(value).isEqualTo(50.0));
		assertThat(raw.series().get(1).values()).allSatisfy(value -> assertThat(value).isEqualTo(100.0));

		SeriesQuery.Series day = series.read(new SeriesQuery.Request(SubjectKind.INSTANCE, instance, List.of(Metric.CPU),
				now.minus(Duration.ofHours(24)), now, null));
		assertThat(day.resolution()).as("minutes fit a 6-minute step").isEqualTo(Resolution.MINUTE);
		assertThat(day.series().getFirst().values()).as("not rolled up yet: read from the raw samples")
			.isNotEmpty()
			.allSatisfy(value -> assertThat(value).isEqualTo(50.0));

		assertThatThrownBy(() -> series.read(new SeriesQuery.Request(SubjectKind.INSTANCE, instance,
				List.of(Metric.CPU), now, now.minus(Duration.ofHours(1)), null)))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("must end after it starts");
		assertThatThrownBy(() -> series.read(new SeriesQuery.Request(SubjectKind.INSTANCE, instance,
				List.of(Metric.CPU), now.minus(Duration.ofDays(30)), now, Duration.ofSeconds(15))))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 2000");
		assertThatThrownBy(() -> series.read(new SeriesQuery.Request(SubjectKind.INSTANCE, instance,
				List.of(Metric.CPU), now.minus(Duration.ofHours(1)), now, Duration.ofSeconds(1))))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("finer than samples are taken");
		assertThatThrownBy(() -> series.read(new SeriesQuery.Request(SubjectKind.INSTANCE, instance,
				List.of(Metric.CPU), now.minus(Duration.ofDays(800)), now, Duration.ofDays(1))))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("days samples are kept");
	}

	private boolean partitionExists(String name) {
		return jdbc.sql("select count(*) from pg_class where relname = ?").param(name).query(Long.class).single() == 1;
	}

	private long rows(String table, UUID instance) {
		return jdbc.sql("select count(*) from " + table + " where instance_id = ?").param(instance).query(Long.class)
			.single();
	}

	static InstanceSample sample(UUID instance, Instant at, double cpu, long bytesOut) {
		return new InstanceSample(instance, at, 15, cpu, 200L << 20, 512L << 20,
				new Counters(0, bytesOut / 2, bytesOut, 4_096, 8_192, 1, 2));
	}
}
