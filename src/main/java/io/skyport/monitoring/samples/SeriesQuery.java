package io.skyport.monitoring.samples;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.skyport.platform.errors.InvalidInputException;

/**
 * Reads series for graphs and the metrics API: values per {@code step}-long bucket, each the time-weighted mean of
 * the rows in it. The rows come from the coarsest resolution whose buckets fit the step and that still covers
 * {@code from}; the part of the range that resolution has not aggregated yet (the last minutes or hour) is read from
 * the finer tables, so graphs are live at every range.
 */
@Component
public class SeriesQuery {

	/** How many points a request gets when it names no step. */
	public static final int DEFAULT_POINTS = 240;

	private final JdbcTemplate jdbc;
	private final MonitoringProperties properties;
	private final Clock clock;

	SeriesQuery(JdbcTemplate jdbc, MonitoringProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/** A request, as given: {@code from}, {@code to} and {@code step} may be absent (last hour, ~240 points). */
	public record Request(SubjectKind kind, UUID subjectId, List<Metric> metrics, @Nullable Instant from,
			@Nullable Instant to, @Nullable Duration step) {
	}

	/** One metric's values, aligned with the series' timestamps ({@literal null} where a bucket has none). */
	public record Values(String metric, String unit, String label, List<@Nullable Double> values) {
	}

	/** The answer: bucket start times (UTC) and one list of values per metric. */
	public record Series(Instant from, Instant to, Duration step, Resolution resolution, List<Instant> timestamps,
			List<Values> series) {
	}

	/**
	 * @throws InvalidInputException a range that ends before it starts, lies in the future, or reaches further back
	 * than the longest retention; a step finer than the collection interval; more points than allowed.
	 */
	public Series read(Request request) {
		Instant now = clock.instant();
		Instant to = request.to() == null ? now : request.to();
		Instant from = request.from() == null ? to.minus(Duration.ofHours(1)) : request.from();
		check(request, from, to, now);
		Duration range = Duration.between(from, to);
		Duration step = request.step() == null ? defaultStep(range) : request.step();
		long points = ceilDiv(range.toSeconds(), step.toSeconds());
		if (points > properties.maxPoints()) {
			throw InvalidInputException.of("step", "From " + from + " to " + to + " in steps of " + step.toSeconds()
					+ " s is " + points + " points; at most " + properties.maxPoints()
					+ " are returned: use a step of at least " + ceilDiv(range.toSeconds(), properties.maxPoints())
					+ " s or a shorter range.");
		}
		Resolution resolution = resolution(from, step, now);
		if (step.compareTo(resolution.granularity()) < 0) {
			step = resolution.granularity();
		}
		return query(request, from, to, step, resolution);
	}

	private void check(Request request, Instant from, Instant to, Instant now) {
		if (request.metrics().isEmpty()) {
			throw InvalidInputException.of("metric", "Name at least one metric: " + Metric.keys(request.kind()) + ".");
		}
		if (!to.isAfter(from)) {
			throw InvalidInputException.of("from", "The range must end after it starts: from " + from + " is not before to "
					+ to + ".");
		}
		if (from.isAfter(now)) {
			throw InvalidInputException.of("from", "The range starts in the future (" + from + "); nothing is measured yet.");
		}
		Duration longest = properties.retention().hours().plus(Duration.ofDays(1));
		if (Duration.between(from, to).compareTo(longest) > 0) {
			throw InvalidInputException.of("from", "The range is longer than the " + properties.retention().hours().toDays()
					+ " days samples are kept; ask for a shorter one.");
		}
		Duration step = request.step();
		if (step != null && step.compareTo(properties.interval()) < 0) {
			throw InvalidInputException.of("step", "A step of " + step.toMillis() / 1000d
					+ " s is finer than samples are taken (every " + properties.interval().toSeconds() + " s).");
		}
	}

	private Duration defaultStep(Duration range) {
		long seconds = Math.max(properties.interval().toSeconds(), ceilDiv(range.toSeconds(), DEFAULT_POINTS));
		return Duration.ofSeconds(seconds);
	}

	/** The coarsest resolution whose bucket fits in the step and whose retention covers {@code from}. */
	private Resolution resolution(Instant from, Duration step, Instant now) {
		Resolution chosen = null;
		for (Resolution resolution : Resolution.values()) {
			boolean covers = !from.isBefore(now.minus(resolution.retention(properties.retention())));
			if (covers && resolution.granularity().compareTo(step) <= 0) {
				chosen = resolution;
			}
		}
		if (chosen != null) {
			return chosen;
		}
		for (Resolution resolution : Resolution.values()) {
			if (!from.isBefore(now.minus(resolution.retention(properties.retention())))) {
				return resolution;
			}
		}
		return Resolution.HOUR;
	}

	private Series query(Request request, Instant from, Instant to, Duration step, Resolution resolution) {
		SubjectKind kind = request.kind();
		String columns = kind == SubjectKind.INSTANCE
				? "sampled_at, seconds, cpu_percent, memory_used, memory_available, net_in, net_out, disk_read, "
						+ "disk_write, disk_read_ops, disk_write_ops"
				: "sampled_at, seconds, cpu_percent, memory_free, pool_bytes, pool_free, domains::float8 as domains";
		Rows rows = rows(kind, resolution, columns, request.subjectId(), from, to);
		List<Object> args = new ArrayList<>(rows.args());
		StringBuilder sql = new StringBuilder("select floor(extract(epoch from sampled_at) / ?)::bigint as bucket");
		for (Metric metric : request.metrics()) {
			String value = "(" + metric.column() + ")::float8";
			sql.append(", sum(").append(value).append(" * seconds) filter (where ").append(value)
				.append(" is not null) / nullif(sum(seconds) filter (where ").append(value).append(" is not null), 0)");
		}
		sql.append(" from (").append(rows.sql()).append(") r group by 1 order by 1");
		args.addFirst(step.toSeconds());
		List<Instant> timestamps = new ArrayList<>();
		List<List<@Nullable Double>> values = new ArrayList<>();
		request.metrics().forEach(metric -> values.add(new ArrayList<>()));
		jdbc.query(sql.toString(), rs -> {
			timestamps.add(Instant.ofEpochSecond(rs.getLong(1) * step.toSeconds()));
			for (int i = 0; i < values.size(); i++) {
				double value = rs.getDouble(i + 2);
				values.get(i).add(rs.wasNull() ? null : value);
			}
		}, args.toArray());
		List<Values> series = new ArrayList<>();
		for (int i = 0; i < request.metrics().size(); i++) {
			Metric metric = request.metrics().get(i);
			series.add(new Values(metric.key(), metric.unit(), metric.label(), values.get(i)));
		}
		return new Series(from, to, step, resolution, timestamps, series);
	}

	/** A query of rows and its arguments. */
	record Rows(String sql, List<Object> args) {
	}

	/**
	 * The rows of one subject in [from, to) from {@code coarsest} up to what its rollup has finished, then from each
	 * finer resolution up to what its own rollup has finished, then raw samples: every moment is read once, from the
	 * coarsest table that has it. {@code columns} must exist in all of them.
	 */
	static Rows rows(SubjectKind kind, Resolution coarsest, String columns, UUID subjectId, Instant from, Instant to) {
		String id = Resolution.idColumn(kind);
		String hoursDone = "coalesce((select done_until from monitoring_rollups where name = 'hours'), '-infinity')";
		String minutesDone = "coalesce((select done_until from monitoring_rollups where name = 'minutes'), '-infinity')";
		List<Object> args = new ArrayList<>();
		StringBuilder rows = new StringBuilder();
		String lowerForFiner = "?";
		if (coarsest == Resolution.HOUR) {
			rows.append("select ").append(columns).append(" from ").append(Resolution.HOUR.table(kind))
				.append(" where ").append(id).append(" = ? and sampled_at >= ? and sampled_at < least(?, ")
				.append(hoursDone).append(") union all ");
			args.addAll(List.of(subjectId, Timestamp.from(from), Timestamp.from(to)));
			lowerForFiner = "greatest(?, " + hoursDone + ")";
		}
		if (coarsest != Resolution.RAW) {
			rows.append("select ").append(columns).append(" from ").append(Resolution.MINUTE.table(kind))
				.append(" where ").append(id).append(" = ? and sampled_at >= ").append(lowerForFiner)
				.append(" and sampled_at < least(?, ").append(minutesDone).append(") union all ");
			args.addAll(List.of(subjectId, Timestamp.from(from), Timestamp.from(to)));
			lowerForFiner = "greatest(?, " + minutesDone + ")";
		}
		rows.append("select ").append(columns).append(" from ").append(Resolution.RAW.table(kind)).append(" where ")
			.append(id).append(" = ? and sampled_at >= ").append(lowerForFiner).append(" and sampled_at < ?");
		args.addAll(List.of(subjectId, Timestamp.from(from), Timestamp.from(to)));
		return new Rows(rows.toString(), args);
	}

	private static long ceilDiv(long a, long b) {
		return (a + b - 1) / b;
	}
}
