package io.skyport.monitoring.samples;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Bytes an instance transmitted over a range, from the coarsest rows that cover each part of it
 * ({@link SeriesQuery#rows}): hours up to what the hourly rollup finished, minutes up to what the minute rollup
 * finished, raw samples after that. Hour-aligned ranges are exact; elsewhere a row counts where its time falls.
 */
@Component
public class TrafficQuery {

	private final JdbcTemplate jdbc;

	TrafficQuery(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Bytes transmitted by the instance in [from, to). */
	public long transmitted(UUID instanceId, Instant from, Instant to) {
		SeriesQuery.Rows rows = SeriesQuery.rows(SubjectKind.INSTANCE, Resolution.HOUR, "net_out", instanceId, from, to);
		Long bytes = jdbc.queryForObject("select coalesce(sum(net_out), 0) from (" + rows.sql() + ") r", Long.class,
				rows.args().toArray());
		return bytes == null ? 0 : bytes;
	}
}
