package io.skyport.compute.nocloud;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Records every access to the data source without slowing it down: requests put a record into a bounded queue
 * (never blocking), and one writer thread inserts them in batches — one {@code COPY … FROM STDIN} (PostgreSQL's
 * bulk load, much cheaper per row than INSERTs) per batch of up to {@code batch-size} records, at least every
 * {@code flush-interval}. If the queue is full (the database is slower than the traffic, or down), records are dropped rather than slowing the guests:
 * counted in {@code skyport.nocloud.audit.dropped} and reported in the log at most once a minute. A batch the
 * database refuses is dropped the same way. On shutdown the writer stops after the web server (later phase) and
 * writes what is queued.
 */
@Component
class AccessLog implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

	static final int MAX_USER_AGENT = 256;
	static final int MAX_ADDRESS = 64;

	private static final String COPY = "copy compute_nocloud_accesses (instance_id, accessed_at, source_address, "
			+ "user_agent, kind, status) from stdin";

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
			.description("Data-source access records dropped because the audit queue was full or a write failed")
			.register(meters);
		FunctionCounter.builder("skyport.nocloud.audit.written", written, AtomicLong::get)
			.description("Data-source access records written")
			.register(meters);
		Gauge.builder("skyport.nocloud.audit.queued", queue, BlockingQueue::size)
			.description("Data-source access records waiting to be written")
			.register(meters);
	}

	/** One access, as recorded. */
	record Access(UUID instanceId, long atMillis, String sourceAddress, @Nullable String userAgent, String kind,
			int status) {
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

	long dropped() {
		return dropped.get();
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
		if (!queue.isEmpty()) {
			flushAll();
		}
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
		List<Access> batch = new ArrayList<>(batchSize);
		while (running) {
			try {
				Access first = queue.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				long deadline = System.nanoTime() + flushNanos;
				while (batch.size() < batchSize) {
					queue.drainTo(batch, batchSize - batch.size());
					long remaining = deadline - System.nanoTime();
					if (batch.size() >= batchSize || remaining <= 0) {
						break;
					}
					Access next = queue.poll(remaining, TimeUnit.NANOSECONDS);
					if (next == null) {
						break;
					}
					batch.add(next);
				}
				write(batch);
				batch.clear();
			}
			catch (InterruptedException ex) {
				// stop() interrupts; the loop ends and stop() writes what is left, including this batch
				queue.addAll(batch.subList(0, Math.min(batch.size(), queue.remainingCapacity())));
				batch.clear();
			}
		}
	}

	private void flushAll() {
		List<Access> batch = new ArrayList<>(batchSize);
		while (queue.drainTo(batch, batchSize) > 0) {
			write(batch);
			batch.clear();
		}
	}

	private void write(List<Access> batch) {
		StringBuilder rows = new StringBuilder(batch.size() * 160);
		for (Access access : batch) {
			rows.append(access.instanceId()).append('\t')
				.append(Instant.ofEpochMilli(access.atMillis())).append('\t');
			text(rows, access.sourceAddress()).append('\t');
			if (access.userAgent() == null) {
				rows.append("\\N");
			}
			else {
				text(rows, access.userAgent());
			}
			rows.append('\t').append(access.kind()).append('\t').append(access.status()).append('\n');
		}
		Connection connection = null;
		try {
			connection = DataSourceUtils.getConnection(dataSource);
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(rows.toString()));
			written.addAndGet(batch.size());
		}
		catch (SQLException | IOException | RuntimeException ex) {
			dropped.addAndGet(batch.size());
			log.warn("Could not record {} data-source accesses: {}", batch.size(), ex.getMessage());
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
	private static StringBuilder text(StringBuilder out, String value) {
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
			log.warn("{} data-source access records were not recorded since the last report ({} in total): the audit "
					+ "queue was full or the database failed. Raise skyport.compute.datasource.audit.queue-capacity or "
					+ "check the database.",
					total - droppedReported, total);
			droppedReported = total;
		}
	}

	private static String truncate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}
}
