package io.skyport.compute.consolelogs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The captured console output in PostgreSQL: a cursor per instance and the chunks, each with the time it was captured.
 * Writes are guarded by the cursor's version, so two capture rounds that meet (two servers, a round started by hand)
 * never store the same bytes twice: the second one's write changes nothing.
 */
@Component
class ConsoleLogStore {

	private final JdbcClient jdbc;

	ConsoleLogStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One machine to read: where its instance lives and how far its log was read. */
	record Machine(UUID instanceId, UUID nodeId, String machineName, long sourceOffset, byte[] sourceTail,
			long version, boolean known) {
	}

	/** Where Skyport's copy of an instance's log stands. */
	record Cursor(long storedFrom, long storedUntil, @Nullable Instant capturedAt, @Nullable String failure) {
	}

	/** A piece of the log, at its position in Skyport's copy. */
	record Chunk(long position, Instant capturedAt, byte[] content) {
	}

	/** Running servers, and those stopped (or failed) since {@code stoppedSince}, whose node is known. */
	@Transactional(readOnly = true)
	List<Machine> machines(Instant stoppedSince) {
		return jdbc.sql("""
				select i.id, i.node_id, i.machine_name, c.source_offset, c.source_tail, c.version
				from compute_instances i left join compute_console_cursors c on c.instance_id = i.id
				where i.node_id is not null
				  and (i.state = 'RUNNING' or (i.state in ('STOPPED', 'ERROR') and i.updated_at >= :since))
				order by i.node_id, i.id""")
			.param("since", Timestamp.from(stoppedSince))
			.query((rs, row) -> machine(rs))
			.list();
	}

	private static Machine machine(ResultSet rs) throws SQLException {
		long version = rs.getLong("version");
		boolean known = !rs.wasNull();
		byte[] tail = rs.getBytes("source_tail");
		return new Machine(rs.getObject("id", UUID.class), rs.getObject("node_id", UUID.class),
				rs.getString("machine_name"), rs.getLong("source_offset"), tail == null ? new byte[0] : tail, version,
				known);
	}

	/**
	 * Appends {@code bytes} to the instance's copy and moves its cursor, if nobody moved it since {@code machine} was
	 * read; then drops the oldest chunks beyond {@code maxBytes}.
	 *
	 * @return whether this write took effect.
	 */
	@Transactional
	boolean append(Machine machine, long sourceOffset, byte[] sourceTail, byte[] bytes, Instant at, long maxBytes) {
		long position;
		if (!machine.known()) {
			int inserted = jdbc.sql("""
					insert into compute_console_cursors
						(instance_id, source_offset, source_tail, stored_from, stored_until, captured_at, version)
					values (:id, :offset, :tail, 0, :length, :at, 1)
					on conflict (instance_id) do nothing""")
				.param("id", machine.instanceId())
				.param("offset", sourceOffset)
				.param("tail", sourceTail)
				.param("length", (long) bytes.length)
				.param("at", Timestamp.from(at))
				.update();
			if (inserted == 0) {
				return false;
			}
			position = 0;
		}
		else {
			Optional<Long> until = jdbc.sql("""
					update compute_console_cursors
					set source_offset = :offset, source_tail = :tail, stored_until = stored_until + :length,
						captured_at = :at, failure = null, version = version + 1
					where instance_id = :id and version = :version
					returning stored_until""")
				.param("id", machine.instanceId())
				.param("version", machine.version())
				.param("offset", sourceOffset)
				.param("tail", sourceTail)
				.param("length", (long) bytes.length)
				.param("at", Timestamp.from(at))
				.query(Long.class)
				.optional();
			if (until.isEmpty()) {
				return false;
			}
			position = until.get() - bytes.length;
		}
		if (bytes.length > 0) {
			jdbc.sql("insert into compute_console_chunks (instance_id, position, captured_at, content) "
					+ "values (:id, :position, :at, :content)")
				.param("id", machine.instanceId())
				.param("position", position)
				.param("at", Timestamp.from(at))
				.param("content", bytes)
				.update();
			cap(machine.instanceId(), position + bytes.length - maxBytes);
		}
		return true;
	}

	/** Drops the chunks that end at or before {@code keepFrom}. */
	private void cap(UUID instanceId, long keepFrom) {
		if (keepFrom <= 0) {
			return;
		}
		int dropped = jdbc.sql("delete from compute_console_chunks "
				+ "where instance_id = :id and position + octet_length(content) <= :keepFrom")
			.param("id", instanceId)
			.param("keepFrom", keepFrom)
			.update();
		if (dropped > 0) {
			moveStart(instanceId);
		}
	}

	private void moveStart(UUID instanceId) {
		jdbc.sql("""
				update compute_console_cursors c
				set stored_from = coalesce((select min(position) from compute_console_chunks k
					where k.instance_id = c.instance_id), c.stored_until)
				where c.instance_id = :id""")
			.param("id", instanceId)
			.update();
	}

	/** Records why the host refused the last read (shown to operators); the cursor stays where it was. */
	@Transactional
	void failed(Machine machine, String reason) {
		String text = reason.length() <= 1000 ? reason : reason.substring(0, 999) + "…";
		if (!machine.known()) {
			jdbc.sql("""
					insert into compute_console_cursors
						(instance_id, source_offset, source_tail, stored_from, stored_until, failure)
					values (:id, 0, ''::bytea, 0, 0, :failure)
					on conflict (instance_id) do update set failure = :failure""")
				.param("id", machine.instanceId())
				.param("failure", text)
				.update();
			return;
		}
		jdbc.sql("update compute_console_cursors set failure = :failure where instance_id = :id")
			.param("id", machine.instanceId())
			.param("failure", text)
			.update();
	}

	/** Deletes output captured before {@code cutoff}. @return the chunks deleted. */
	@Transactional
	int deleteCapturedBefore(Instant cutoff) {
		List<UUID> instances = jdbc.sql("delete from compute_console_chunks where captured_at < :cutoff returning instance_id")
			.param("cutoff", Timestamp.from(cutoff))
			.query(UUID.class)
			.list();
		instances.stream().distinct().forEach(this::moveStart);
		return instances.size();
	}

	@Transactional(readOnly = true)
	Optional<Cursor> cursor(UUID instanceId) {
		return jdbc.sql("select stored_from, stored_until, captured_at, failure from compute_console_cursors "
				+ "where instance_id = :id")
			.param("id", instanceId)
			.query((rs, row) -> {
				Timestamp at = rs.getTimestamp("captured_at");
				return new Cursor(rs.getLong("stored_from"), rs.getLong("stored_until"),
						at == null ? null : at.toInstant(), rs.getString("failure"));
			})
			.optional();
	}

	/** The chunks that hold bytes at or after {@code from} and were captured before {@code capturedBefore}, in order. */
	@Transactional(readOnly = true)
	List<Chunk> chunks(UUID instanceId, long from, Instant capturedBefore) {
		return jdbc.sql("""
				select position, captured_at, content from compute_console_chunks
				where instance_id = :id and position + octet_length(content) > :from and captured_at < :before
				order by position""")
			.param("id", instanceId)
			.param("from", from)
			.param("before", Timestamp.from(capturedBefore))
			.query((rs, row) -> new Chunk(rs.getLong("position"), rs.getTimestamp("captured_at").toInstant(),
					rs.getBytes("content")))
			.list();
	}
}
