package io.skyport.monitoring.samples;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Bytes an instance transmitted over a range, from the coarsest rows that cover each part of it: hours up to what the
 * hourly rollup finished, minutes up to what the minute rollup finished, raw samples after that. Hour-aligned ranges
 * are exact; elsewhere a row counts where its time falls.
 */
@Component
public class TrafficQuery {

	private static final String SQL = """
			with done as (
			  select coalesce((select done_until from monitoring_rollups where name = 'hours'), '-infinity') as hours,
			         coalesce((select done_until from monitoring_rollups where name = 'minutes'), '-infinity') as minutes)
			select coalesce((select sum(net_out) from monitoring_instance_hours, done
			                 where instance_id = ? and sampled_at >= ? and sampled_at < least(?, done.hours)), 0)
			     + coalesce((select sum(net_out) from monitoring_instance_minutes, done
			                 where instance_id = ? and sampled_at >= greatest(?, done.hours)
			                   and sampled_at < least(?, done.minutes)), 0)
			     + coalesce((select sum(net_out) from monitoring_instance_samples, done
			                 where instance_id = ? and sampled_at >= greatest(?, done.minutes, done.hours)
			                   and sampled_at < ?), 0)""";

	private final JdbcTemplate jdbc;

	TrafficQuery(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Bytes transmitted by the instance in [from, to). */
	public long transmitted(UUID instanceId, Instant from, Instant to) {
		Timestamp start = Timestamp.from(from);
		Timestamp end = Timestamp.from(to);
		Long bytes = jdbc.queryForObject(SQL, Long.class, instanceId, start, end, instanceId, start, end, instanceId,
				start, end);
		return bytes == null ? 0 : bytes;
	}
}
