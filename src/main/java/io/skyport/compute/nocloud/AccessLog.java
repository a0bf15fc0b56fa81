package io.skyport.compute.nocloud;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records every access to the data source without slowing it down. A request only puts a record into a bounded
 * queue (never blocking); one writer thread takes what arrives within {@code flush-interval} (200 ms) of the first
 * record, or until {@code batch-size} different rows are collected, and writes them with one
 * {@code COPY … FROM STDIN} (PostgreSQL's bulk load).
 * <p>
 * Identical accesses within one batch — same instance, source address, user agent, document and status — become one
 * row with a {@code count} and the times of the first and the last. A guest's boot (a few different documents) is one
 * row per request; a flood (the same URL hammered, or a stream of 429s) costs one row per 200 ms instead of one per
 * request, so it cannot drown the audit.
 * <p>
 * If the queue is full anyway (the database is down or far too slow), records are dropped rather than slowing the
 * guests: counted in {@code skyport.nocloud.audit.dropped} and reported in the log at most once a minute. A batch
 * the database refuses is dropped the same way. On shutdown the writer stops after the web server (it has an earlier
 * lifecycle phase) and writes what is queued.
 */
@Component
class AccessLog implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

	static final int MAX_USER_AGENT = 256;
	static final int MAX_ADDRESS = 64;

	private static final String COPY = "copy compute_nocloud_accesses (instance_id, accessed_at, last_accessed_at, "
			+ "count, source_address, user_agent, kind, status) from stdin";

	private final DataSource dataSource;
	private final BlockingQueue<Access> queue;
	private final int batchSize;
	private final long flushNanos;
	private final AtomicLong dropped = new AtomicLong();
	private final AtomicLong written = new AtomicLong();
	private volatile long droppedReported;
	private volatile long lastReportNanos = System.nanoTime();
	private volatile boolean running;
	private @Nullable Thread writer;

	AccessLog(DataSource dataSource, DataSourceProperties properties, MeterRegistry meters) {
		this.dataSource = dataSource;
		this.queue = new ArrayBlockingQueue<>(properties.audit().queueCapacity());
		this.batchSize = properties.audit().batchSize();
		this.flushNanos = properties.audit().flushInterval().toNanos();
		FunctionCounter.builder("skyport.nocloud.audit.dropped", dropped, AtomicLong::get)
			.description("Data-source accesses not recorded because the audit queue was full or a write failed")
			.register(meters);
		FunctionCounter.builder("skyport.nocloud.audit.recorded", written, AtomicLong::get)
			.description("Data-source accesses recorded")
			.register(meters);
		Gauge.builder("skyport.nocloud.audit.queued", queue, BlockingQueue::size)
			.description("Data-source accesses waiting to be recorded")
			.register(meters);
	}

	/** One access, as queued. */
	record Access(UUID instanceId, long atMillis, String sourceAddress, @Nullable String userAgent, String kind,
			int status) {

		Key key() {
			return new Key(instanceId, sourceAddress, userAgent, kind, status);
		}
	}

	/** What identical accesses share. */
	record Key(UUID instanceId, String sourceAddress, @Nullable String userAgent, String kind, int status) {
	}

	/** Identical accesses of one batch: one row. */
	static final class Row {

		final Key key;
		final long firstMillis;
		long lastMillis;
		int count = 1;

		Row(Access access) {
			this.key = access.key();
			this.firstMillis = access.atMillis();
			this.lastMillis = access.atMillis();
		}

		void add(Access access) {
			count++;
			lastMillis = Math.max(lastMillis, access.atMillis());
		}
	}

	/** Queues an access; never blocks. */
	void record(UUID instanceId, long atMillis, String sourceAddress, @Nullable String userAgent, String kind,
			int status) {
		Access access = new Access(instanceId, atMillis, truncate(sourceAddress, MAX_ADDRESS),
				userAgent == null ? null : truncate(userAgent, MAX_USER_AGENT), kind, status);
		if (!queue.offer(access)) {
			dropped.incrementAndGet();
			reportDrops();
		}
	}

	@Override
	public void start() {
		running = true;
		Thread thread = new Thread(this::run, "nocloud-audit");
		thread.setDaemon(true);
		writer = thread;
		thread.start();
	}

	@Override
	public void stop() {
		running = false;
		Thread thread = writer;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			writer = null;
		}
		flushAll();
		reportDrops();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** After the web server (which stops in a later phase) has drained its requests, and before the database. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 2048;
	}

	private void run() {
		Map<Key, Row> rows = new LinkedHashMap<>();
		List<Access> drained = new ArrayList<>(1024);
		while (running) {
			try {
				Access first = queue.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					continue;
				}
				add(rows, first);
				long deadline = System.nanoTime() + flushNanos;
				while (rows.size() < batchSize) {
					queue.drainTo(drained, 1024);
					drained.forEach(access -> add(rows, access));
					drained.clear();
					long remaining = deadline - System.nanoTime();
					if (rows.size() >= batchSize || remaining <= 0) {
						break;
					}
					Access next = queue.poll(Math.min(remaining, 20_000_000L), TimeUnit.NANOSECONDS);
					if (next != null) {
						add(rows, next);
					}
				}
				write(rows.values());
				rows.clear();
			}
			catch (InterruptedException ex) {
				// stop() interrupts: write what was collected; stop() writes what is still queued
				write(rows.values());
				rows.clear();
			}
		}
	}

	private static void add(Map<Key, Row> rows, Access access) {
		Row row = rows.get(access.key());
		if (row == null) {
			rows.put(access.key(), new Row(access));
		}
		else {
			row.add(access);
		}
	}

	private void flushAll() {
		Map<Key, Row> rows = new LinkedHashMap<>();
		List<Access> drained = new ArrayList<>();
		while (queue.drainTo(drained, batchSize) > 0) {
			drained.forEach(access -> add(rows, access));
			drained.clear();
			write(rows.values());
			rows.clear();
		}
	}

	private void write(Collection<Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		StringBuilder text = new StringBuilder(rows.size() * 180);
		int accesses = 0;
		for (Row row : rows) {
			accesses += row.count;
			text.append(row.key.instanceId()).append('\t')
				.append(Instant.ofEpochMilli(row.firstMillis)).append('\t')
				.append(Instant.ofEpochMilli(row.lastMillis)).append('\t')
				.append(row.count).append('\t');
			escaped(text, row.key.sourceAddress()).append('\t');
			if (row.key.userAgent() == null) {
				text.append("\\N");
			}
			else {
				escaped(text, row.key.userAgent());
			}
			text.append('\t').append(row.key.kind()).append('\t').append(row.key.status()).append('\n');
		}
		Connection connection = null;
		try {
			connection = DataSourceUtils.getConnection(dataSource);
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(text.toString()));
			written.addAndGet(accesses);
		}
		catch (SQLException | IOException | RuntimeException ex) {
			dropped.addAndGet(accesses);
			log.warn("Could not record {} data-source accesses: {}", accesses, ex.getMessage());
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/** A value in COPY's text format: backslash, tab, newline and carriage return escaped, other controls blanked. */
	private static StringBuilder escaped(StringBuilder out, String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\t' -> out.append("\\t");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				default -> out.append(c < 0x20 ? ' ' : c);
			}
		}
		return out;
	}

	private void reportDrops() {
		long now = System.nanoTime();
		long total = dropped.get();
		if (total > droppedReported && (now - lastReportNanos > 60_000_000_000L || !running)) {
			lastReportNanos = now;
			log.warn("{} data-source accesses were not recorded since the last report ({} in total): the audit "
					+ "queue was full or the database failed. Raise skyport.compute.datasource.audit.queue-capacity or "
					+ "check the database.", total - droppedReported, total);
			droppedReported = total;
		}
	}

	private static String truncate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}
}
