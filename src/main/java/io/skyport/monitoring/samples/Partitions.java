package io.skyport.monitoring.samples;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The time partitions of the instance tables: raw samples and minutes by UTC day, hours by UTC month, named
 * {@code <table>_pYYYYMMDD} / {@code <table>_pYYYYMM}. Partitions are created before rows need them (under an
 * advisory lock, so servers do not race) and dropped whole when all their rows are past retention.
 */
@Component
public class Partitions {

	/** A partitioned table and the span of its partitions. */
	enum Partitioned {

		SAMPLES("monitoring_instance_samples", false), MINUTES("monitoring_instance_minutes", false),
		HOURS("monitoring_instance_hours", true);

		final String table;
		final boolean monthly;

		Partitioned(String table, boolean monthly) {
			this.table = table;
			this.monthly = monthly;
		}

		static Partitioned of(Resolution resolution) {
			return switch (resolution) {
				case RAW -> SAMPLES;
				case MINUTE -> MINUTES;
				case HOUR -> HOURS;
			};
		}

		LocalDate start(Instant at) {
			LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
			return monthly ? day.withDayOfMonth(1) : day;
		}

		LocalDate next(LocalDate start) {
			return monthly ? start.plusMonths(1) : start.plusDays(1);
		}

		String name(LocalDate start) {
			return table + "_p" + start.format(DateTimeFormatter.ofPattern(monthly ? "yyyyMM" : "yyyyMMdd"));
		}

		LocalDate startOf(String partition) {
			String digits = partition.substring(partition.lastIndexOf("_p") + 2);
			return monthly ? LocalDate.parse(digits + "01", DateTimeFormatter.BASIC_ISO_DATE)
					: LocalDate.parse(digits, DateTimeFormatter.BASIC_ISO_DATE);
		}
	}

	private static final long LOCK = 0x5350_4d4f_4e50_4152L;

	private final JdbcTemplate jdbc;
	private final TransactionTemplate transactions;
	private final Set<String> known = ConcurrentHashMap.newKeySet();

	Partitions(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
	}

	/** Makes sure the partitions holding {@code from} … {@code to} (inclusive) of a resolution exist. */
	public void ensure(Resolution resolution, Instant from, Instant to) {
		Partitioned table = Partitioned.of(resolution);
		List<LocalDate> missing = new ArrayList<>();
		for (LocalDate start = table.start(from); !start.isAfter(table.start(to)); start = table.next(start)) {
			if (!known.contains(table.name(start))) {
				missing.add(start);
			}
		}
		if (missing.isEmpty()) {
			return;
		}
		transactions.executeWithoutResult(status -> {
			jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOCK);
			for (LocalDate start : missing) {
				String name = table.name(start);
				jdbc.execute("create table if not exists " + name + " partition of " + table.table
						+ " for values from ('" + start + "T00:00:00Z') to ('" + table.next(start) + "T00:00:00Z')");
			}
		});
		missing.forEach(start -> known.add(table.name(start)));
	}

	/** Forgets what is known to exist (after another server may have dropped partitions). */
	void forget() {
		known.clear();
	}

	/**
	 * Drops the partitions of a resolution that end at or before {@code cutoff}.
	 *
	 * @return how many were dropped.
	 */
	int dropEndingBy(Resolution resolution, Instant cutoff) {
		Partitioned table = Partitioned.of(resolution);
		List<String> partitions = jdbc.queryForList("""
				select c.relname from pg_inherits i
				join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
				where p.relname = ?""", String.class, table.table);
		int dropped = 0;
		for (String partition : partitions) {
			Instant end = table.next(table.startOf(partition)).atStartOfDay(ZoneOffset.UTC).toInstant();
			if (!end.isAfter(cutoff)) {
				transactions.executeWithoutResult(status -> {
					jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOCK);
					jdbc.execute("drop table if exists " + partition);
				});
				known.remove(partition);
				dropped++;
			}
		}
		return dropped;
	}
}
