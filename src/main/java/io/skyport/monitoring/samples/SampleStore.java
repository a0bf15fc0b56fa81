package io.skyport.monitoring.samples;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes a round's samples and the subjects' new states, all in one transaction, in JDBC batches. */
@Component
public class SampleStore {

	private static final String INSERT_INSTANCE = """
			insert into monitoring_instance_samples (instance_id, sampled_at, seconds, cpu_percent, memory_used,
			    memory_available, net_in, net_out, disk_read, disk_write, disk_read_ops, disk_write_ops)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private static final String INSERT_NODE = """
			insert into monitoring_node_samples (node_id, sampled_at, seconds, cpu_percent, cpus, memory_bytes,
			    memory_free, pool_bytes, pool_free, domains)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			on conflict (node_id, sampled_at) do nothing""";

	private static final String UPSERT_SUBJECT = """
			insert into monitoring_subjects (kind, id, name, owner_id, subscription_id, node_id, region, vcpus, run,
			    sampled_at, cpu_time_ns, net_in_total, net_out_total, disk_read_total, disk_write_total,
			    disk_read_ops_total, disk_write_ops_total)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			on conflict (kind, id) do update set name = excluded.name, owner_id = excluded.owner_id,
			    subscription_id = excluded.subscription_id, node_id = excluded.node_id, region = excluded.region,
			    vcpus = excluded.vcpus, run = excluded.run, sampled_at = excluded.sampled_at,
			    cpu_time_ns = excluded.cpu_time_ns, net_in_total = excluded.net_in_total,
			    net_out_total = excluded.net_out_total, disk_read_total = excluded.disk_read_total,
			    disk_write_total = excluded.disk_write_total, disk_read_ops_total = excluded.disk_read_ops_total,
			    disk_write_ops_total = excluded.disk_write_ops_total
			where monitoring_subjects.sampled_at < excluded.sampled_at""";

	private final JdbcTemplate jdbc;
	private final TransactionTemplate transactions;
	private final Partitions partitions;

	SampleStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Partitions partitions) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.partitions = partitions;
	}

	/** The last sampled state of each of the subjects that has one. */
	public Map<UUID, SubjectState> states(SubjectKind kind, Collection<UUID> ids) {
		Map<UUID, SubjectState> states = new HashMap<>();
		if (ids.isEmpty()) {
			return states;
		}
		jdbc.query(con -> {
			PreparedStatement statement = con.prepareStatement(
					"select * from monitoring_subjects where kind = ? and id = any(?)");
			statement.setString(1, kind.name());
			statement.setArray(2, con.createArrayOf("uuid", ids.toArray()));
			return statement;
		}, (ResultSet rs) -> {
			SubjectState state = state(rs);
			states.put(state.id(), state);
		});
		return states;
	}

	/**
	 * Records one round: the samples and the subjects' states. A subject whose stored state is newer than the one given
	 * (another server's later round) keeps it.
	 */
	public void record(List<InstanceSample> instances, List<NodeSample> nodes, List<SubjectState> subjects) {
		if (!instances.isEmpty()) {
			Instant first = instances.stream().map(InstanceSample::sampledAt).min(Comparator.naturalOrder()).orElseThrow();
			Instant last = instances.stream().map(InstanceSample::sampledAt).max(Comparator.naturalOrder()).orElseThrow();
			partitions.ensure(Resolution.RAW, first, last);
		}
		try {
			write(instances, nodes, subjects);
		}
		catch (DataAccessException ex) {
			if (!String.valueOf(ex.getMessage()).contains("no partition of relation")) {
				throw ex;
			}
			partitions.forget();
			instances.forEach(sample -> partitions.ensure(Resolution.RAW, sample.sampledAt(), sample.sampledAt()));
			write(instances, nodes, subjects);
		}
	}

	private void write(List<InstanceSample> instances, List<NodeSample> nodes, List<SubjectState> subjects) {
		transactions.executeWithoutResult(status -> {
			jdbc.batchUpdate(INSERT_INSTANCE, instances, 500, (ps, s) -> {
				ps.setObject(1, s.instanceId());
				ps.setTimestamp(2, Timestamp.from(s.sampledAt()));
				ps.setDouble(3, s.seconds());
				setDouble(ps, 4, s.cpuPercent());
				ps.setLong(5, s.memoryUsed());
				ps.setLong(6, s.memoryAvailable());
				Counters g = s.growth();
				ps.setLong(7, g.networkIn());
				ps.setLong(8, g.networkOut());
				ps.setLong(9, g.diskRead());
				ps.setLong(10, g.diskWrite());
				ps.setLong(11, g.diskReadOps());
				ps.setLong(12, g.diskWriteOps());
			});
			jdbc.batchUpdate(INSERT_NODE, nodes, 500, (ps, s) -> {
				ps.setObject(1, s.nodeId());
				ps.setTimestamp(2, Timestamp.from(s.sampledAt()));
				ps.setDouble(3, s.seconds());
				setDouble(ps, 4, s.cpuPercent());
				ps.setInt(5, s.cpus());
				ps.setLong(6, s.memoryBytes());
				ps.setLong(7, s.memoryFree());
				ps.setLong(8, s.poolBytes());
				ps.setLong(9, s.poolFree());
				ps.setInt(10, s.domains());
			});
			jdbc.batchUpdate(UPSERT_SUBJECT, subjects, 500, (ps, s) -> {
				ps.setString(1, s.kind().name());
				ps.setObject(2, s.id());
				ps.setString(3, s.name());
				ps.setObject(4, s.ownerId());
				ps.setObject(5, s.subscriptionId());
				ps.setObject(6, s.nodeId());
				ps.setString(7, s.region());
				ps.setInt(8, s.vcpus());
				ps.setString(9, s.run());
				ps.setTimestamp(10, Timestamp.from(s.sampledAt()));
				Counters c = s.counters();
				ps.setLong(11, c.cpuTimeNanos());
				ps.setLong(12, c.networkIn());
				ps.setLong(13, c.networkOut());
				ps.setLong(14, c.diskRead());
				ps.setLong(15, c.diskWrite());
				ps.setLong(16, c.diskReadOps());
				ps.setLong(17, c.diskWriteOps());
			});
		});
	}

	private static void setDouble(PreparedStatement ps, int index, @Nullable Double value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.REAL);
		}
		else {
			ps.setDouble(index, value);
		}
	}

	static SubjectState state(ResultSet rs) throws SQLException {
		return new SubjectState(SubjectKind.valueOf(rs.getString("kind")), rs.getObject("id", UUID.class),
				rs.getString("name"), rs.getObject("owner_id", UUID.class), rs.getObject("subscription_id", UUID.class),
				rs.getObject("node_id", UUID.class), rs.getString("region"), rs.getInt("vcpus"), rs.getString("run"),
				rs.getTimestamp("sampled_at").toInstant(),
				new Counters(rs.getLong("cpu_time_ns"), rs.getLong("net_in_total"), rs.getLong("net_out_total"),
						rs.getLong("disk_read_total"), rs.getLong("disk_write_total"), rs.getLong("disk_read_ops_total"),
						rs.getLong("disk_write_ops_total")));
	}
}
