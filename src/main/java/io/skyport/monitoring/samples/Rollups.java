package io.skyport.monitoring.samples;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Downsamples: raw samples into 1-minute aggregates, minutes into 1-hour aggregates, for instances and nodes. An
 * aggregate is recomputed whole from the finer rows of its bucket (an upsert), so rolling a range up again is harmless.
 * The scheduled run resumes from a watermark per rollup, waits {@link #MINUTE_LAG} after a minute ends (samples of a
 * round are written up to a node timeout after their time) and works through at most {@link #MAX_CATCH_UP} per run.
 */
@Component
public class Rollups {

	static final Duration MINUTE_LAG = Duration.ofSeconds(30);
	static final Duration MAX_CATCH_UP = Duration.ofHours(6);

	private static final String INSTANCE_COLUMNS = "instance_id, sampled_at, samples, seconds, cpu_percent, "
			+ "cpu_percent_max, memory_used, memory_used_max, memory_available, net_in, net_out, disk_read, "
			+ "disk_write, disk_read_ops, disk_write_ops";

	private static final String INSTANCE_UPDATES = """
			samples = excluded.samples, seconds = excluded.seconds, cpu_percent = excluded.cpu_percent,
			cpu_percent_max = excluded.cpu_percent_max, memory_used = excluded.memory_used,
			memory_used_max = excluded.memory_used_max, memory_available = excluded.memory_available,
			net_in = excluded.net_in, net_out = excluded.net_out, disk_read = excluded.disk_read,
			disk_write = excluded.disk_write, disk_read_ops = excluded.disk_read_ops,
			disk_write_ops = excluded.disk_write_ops""";

	private static final String NODE_COLUMNS = "node_id, sampled_at, samples, seconds, cpu_percent, cpu_percent_max, "
			+ "cpus, memory_bytes, memory_free, pool_bytes, pool_free, domains";

	private static final String NODE_UPDATES = """
			samples = excluded.samples, seconds = excluded.seconds, cpu_percent = excluded.cpu_percent,
			cpu_percent_max = excluded.cpu_percent_max, cpus = excluded.cpus, memory_bytes = excluded.memory_bytes,
			memory_free = excluded.memory_free, pool_bytes = excluded.pool_bytes, pool_free = excluded.pool_free,
			domains = excluded.domains""";

	private final JdbcTemplate jdbc;
	private final TransactionTemplate transactions;
	private final Partitions partitions;

	Rollups(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Partitions partitions) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.partitions = partitions;
	}

	/** What a scheduled run aggregated: the end of each rollup's watermark. */
	public record Progress(Instant minutesUntil, Instant hoursUntil) {
	}

	/** Rolls up what became complete by {@code now} since the last run. */
	public Progress run(Instant now) {
		Instant minutesEnd = now.minus(MINUTE_LAG).truncatedTo(ChronoUnit.MINUTES);
		Instant minutes = advance("minutes", minutesEnd, Resolution.MINUTE, "monitoring_instance_samples");
		Instant hours = advance("hours", minutes.truncatedTo(ChronoUnit.HOURS), Resolution.HOUR,
				"monitoring_instance_minutes");
		return new Progress(minutes, hours);
	}

	private Instant advance(String name, Instant end, Resolution target, String source) {
		Instant start = doneUntil(name);
		if (start == null) {
			Timestamp earliest = jdbc.queryForObject("select min(sampled_at) from " + source, Timestamp.class);
			if (earliest == null) {
				return end;
			}
			start = earliest.toInstant().truncatedTo(target == Resolution.HOUR ? ChronoUnit.HOURS : ChronoUnit.MINUTES);
		}
		if (!end.isAfter(start)) {
			return start;
		}
		Instant until = end.isAfter(start.plus(MAX_CATCH_UP)) ? start.plus(MAX_CATCH_UP) : end;
		Instant from = start;
		transactions.executeWithoutResult(status -> {
			rollUp(target, from, until);
			markDone(name, until);
		});
		return until;
	}

	/**
	 * How far the work named {@code name} has got (exclusive end): {@code minutes}, {@code hours} (the rollups) or
	 * another job's watermark kept in the same table; {@literal null} before its first run.
	 */
	public @Nullable Instant doneUntil(String name) {
		return jdbc.query("select done_until from monitoring_rollups where name = ?",
				rs -> rs.next() ? rs.getTimestamp(1).toInstant() : null, name);
	}

	/** Records that the work named {@code name} has got to {@code until}. */
	public void markDone(String name, Instant until) {
		jdbc.update("""
				insert into monitoring_rollups (name, done_until) values (?, ?)
				on conflict (name) do update set done_until = excluded.done_until""", name, Timestamp.from(until));
	}

	/**
	 * Recomputes the aggregates of one resolution ({@code MINUTE} from raw samples, {@code HOUR} from minutes) for the
	 * buckets starting in [{@code from}, {@code to}), for instances and nodes.
	 */
	public void rollUp(Resolution target, Instant from, Instant to) {
		if (target == Resolution.RAW) {
			throw new IllegalArgumentException("Raw samples are not rolled up.");
		}
		String unit = target == Resolution.HOUR ? "hour" : "minute";
		partitions.ensure(target, from, to.minusMillis(1));
		Resolution source = target == Resolution.HOUR ? Resolution.MINUTE : Resolution.RAW;
		String weightedCpu = "sum(cpu_percent * seconds) filter (where cpu_percent is not null) "
				+ "/ nullif(sum(seconds) filter (where cpu_percent is not null), 0)";
		String cpuMax = source == Resolution.RAW ? "max(cpu_percent)" : "max(cpu_percent_max)";
		String memoryMax = source == Resolution.RAW ? "max(memory_used)" : "max(memory_used_max)";
		String samples = source == Resolution.RAW ? "count(*)" : "sum(samples)";
		List<Object> range = List.of(Timestamp.from(from), Timestamp.from(to));
		jdbc.update("insert into " + target.table(SubjectKind.INSTANCE) + " (" + INSTANCE_COLUMNS + ") "
				+ "select instance_id, date_trunc('" + unit + "', sampled_at), " + samples + ", sum(seconds), "
				+ weightedCpu + ", " + cpuMax + ", " + weighted("memory_used") + ", " + memoryMax + ", "
				+ weighted("memory_available") + ", sum(net_in), sum(net_out), sum(disk_read), sum(disk_write), "
				+ "sum(disk_read_ops), sum(disk_write_ops) from " + source.table(SubjectKind.INSTANCE)
				+ " where sampled_at >= ? and sampled_at < ? group by 1, 2 "
				+ "on conflict (instance_id, sampled_at) do update set " + INSTANCE_UPDATES, range.toArray());
		jdbc.update("insert into " + target.table(SubjectKind.NODE) + " (" + NODE_COLUMNS + ") "
				+ "select node_id, date_trunc('" + unit + "', sampled_at), " + samples + ", sum(seconds), "
				+ weightedCpu + ", " + cpuMax + ", max(cpus), max(memory_bytes), " + weighted("memory_free")
				+ ", max(pool_bytes), " + weighted("pool_free") + ", coalesce(sum(domains * seconds) / nullif(sum(seconds), 0), avg(domains)) "
				+ "from " + source.table(SubjectKind.NODE) + " where sampled_at >= ? and sampled_at < ? group by 1, 2 "
				+ "on conflict (node_id, sampled_at) do update set " + NODE_UPDATES, range.toArray());
	}

	private static String weighted(String column) {
		return "coalesce(round(sum(" + column + "::float8 * seconds) / nullif(sum(seconds), 0)), avg(" + column
				+ "))::bigint";
	}
}
