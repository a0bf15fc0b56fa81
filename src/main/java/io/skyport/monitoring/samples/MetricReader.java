package io.skyport.monitoring.samples;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Statistics of raw samples over a window, for alert rules. */
@Component
public class MetricReader {

	private final JdbcTemplate jdbc;

	MetricReader(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Statistics of the raw samples in [from, to) of every subject of {@code metric.kind()} that has any there. */
	public Map<UUID, WindowStats> window(Metric metric, Instant from, Instant to) {
		Map<UUID, WindowStats> stats = new HashMap<>();
		jdbc.query(sql(metric, false), (ResultSet rs) -> {
			stats.put(rs.getObject(1, UUID.class), stats(rs));
		}, Timestamp.from(from), Timestamp.from(to));
		return stats;
	}

	/** The same for one subject; empty if it has no sample in the window. */
	public Optional<WindowStats> window(Metric metric, UUID subjectId, Instant from, Instant to) {
		return jdbc.query(sql(metric, true), rs -> rs.next() ? Optional.of(stats(rs)) : Optional.<WindowStats>empty(),
				Timestamp.from(from), Timestamp.from(to), subjectId);
	}

	private static String sql(Metric metric, boolean one) {
		String id = Resolution.idColumn(metric.kind());
		return "select " + id + ", count(v), min(v), max(v), avg(v), min(sampled_at), max(sampled_at) from (select "
				+ id + ", sampled_at, (" + metric.column() + ")::float8 as v from "
				+ Resolution.RAW.table(metric.kind()) + " where sampled_at >= ? and sampled_at < ?"
				+ (one ? " and " + id + " = ?" : "") + ") s where v is not null group by 1";
	}

	private static WindowStats stats(ResultSet rs) throws SQLException {
		return new WindowStats(rs.getInt(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
				rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant());
	}
}
