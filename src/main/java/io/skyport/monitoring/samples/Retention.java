package io.skyport.monitoring.samples;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Removes what is past retention ({@code skyport.monitoring.retention.*}): whole partitions of the instance tables
 * once all their rows are older than the cutoff, then the older rows left in the oldest partition; node rows by delete;
 * subjects not sampled since the hours' retention. Also creates the partitions the next days will need, so a round
 * never waits for one.
 */
@Component
public class Retention {

	private final JdbcTemplate jdbc;
	private final Partitions partitions;
	private final MonitoringProperties properties;

	Retention(JdbcTemplate jdbc, Partitions partitions, MonitoringProperties properties) {
		this.jdbc = jdbc;
		this.partitions = partitions;
		this.properties = properties;
	}

	/** What a run removed. */
	public record Removed(int partitions, int rows) {
	}

	public Removed run(Instant now) {
		int dropped = 0;
		int rows = 0;
		for (Resolution resolution : Resolution.values()) {
			Instant cutoff = now.minus(resolution.retention(properties.retention()));
			dropped += partitions.dropEndingBy(resolution, cutoff);
			Timestamp before = Timestamp.from(cutoff);
			rows += jdbc.update("delete from " + resolution.table(SubjectKind.INSTANCE) + " where sampled_at < ?", before);
			rows += jdbc.update("delete from " + resolution.table(SubjectKind.NODE) + " where sampled_at < ?", before);
		}
		rows += jdbc.update("delete from monitoring_subjects where sampled_at < ?",
				Timestamp.from(now.minus(properties.retention().hours())));
		Instant ahead = now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.DAYS);
		partitions.ensure(Resolution.RAW, now, ahead);
		partitions.ensure(Resolution.MINUTE, now, ahead);
		partitions.ensure(Resolution.HOUR, now, ahead);
		return new Removed(dropped, rows);
	}
}
