package io.skyport.compute.drift;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The latest drift findings ({@code compute_drift_findings}). A round stores what it found with
 * {@link #save}, keeping the first-seen time of findings seen before, and drops what it no longer finds in the scope
 * it looked at with {@link #forgetOthers}.
 */
@Repository
class DriftFindings {

	private static final UUID NO_NODE = new UUID(0, 0);

	private final JdbcClient jdbc;

	DriftFindings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A finding of this round, before it is stored. */
	record Found(DriftKind kind, @Nullable UUID nodeId, @Nullable String node, String name, @Nullable UUID instanceId,
			String detail) {

		String key() {
			return kind + "|" + (nodeId == null ? NO_NODE : nodeId) + "|" + name;
		}
	}

	/** Inserts or refreshes the findings (a finding seen before keeps its first-seen time). */
	void save(Collection<Found> found, Instant now) {
		for (Found finding : found) {
			jdbc.sql("""
					insert into compute_drift_findings
						(id, kind, node_id, node_name, name, instance_id, detail, first_seen_at, last_seen_at)
					values (:id, :kind, :nodeId, :node, :name, :instanceId, :detail, :now, :now)
					on conflict (kind, coalesce(node_id, '00000000-0000-0000-0000-000000000000'::uuid), name)
					do update set node_name = excluded.node_name, instance_id = excluded.instance_id,
						detail = excluded.detail, last_seen_at = excluded.last_seen_at""")
				.param("id", UUID.randomUUID())
				.param("kind", finding.kind().name())
				.param("nodeId", finding.nodeId())
				.param("node", finding.node())
				.param("name", finding.name())
				.param("instanceId", finding.instanceId())
				.param("detail", finding.detail().length() > 1000 ? finding.detail().substring(0, 1000) : finding.detail())
				.param("now", Timestamp.from(now))
				.update();
		}
	}

	/**
	 * Deletes the inventory findings of the given nodes, and the stuck-instance findings (all of them, or those on
	 * the given nodes when {@code allStuck} is false), that this round did not find again.
	 */
	void forgetOthers(Collection<UUID> nodes, boolean allStuck, Collection<Found> found) {
		List<String> keep = found.stream().map(Found::key).toList();
		String keyOf = "kind || '|' || coalesce(node_id, '00000000-0000-0000-0000-000000000000'::uuid) || '|' || name";
		if (!nodes.isEmpty()) {
			jdbc.sql("delete from compute_drift_findings where kind <> 'STUCK' and node_id in (:nodes)"
					+ (keep.isEmpty() ? "" : " and " + keyOf + " not in (:keep)"))
				.param("nodes", nodes)
				.param("keep", keep.isEmpty() ? List.of("") : keep)
				.update();
		}
		if (allStuck || !nodes.isEmpty()) {
			jdbc.sql("delete from compute_drift_findings where kind = 'STUCK'"
					+ (allStuck ? "" : " and node_id in (:nodes)") + (keep.isEmpty() ? "" : " and " + keyOf + " not in (:keep)"))
				.param("nodes", nodes.isEmpty() ? List.of(NO_NODE) : nodes)
				.param("keep", keep.isEmpty() ? List.of("") : keep)
				.update();
		}
	}

	/** Removes one finding (its orphan was removed). */
	void delete(DriftKind kind, UUID nodeId, String name) {
		jdbc.sql("delete from compute_drift_findings where kind = :kind and node_id = :nodeId and name = :name")
			.param("kind", kind.name()).param("nodeId", nodeId).param("name", name).update();
	}

	/** Every finding: by node name (unplaced last), kind, name. */
	List<DriftFinding> all() {
		return jdbc.sql("""
				select kind, node_id, node_name, name, instance_id, first_seen_at, last_seen_at, detail
				from compute_drift_findings order by node_name nulls last, kind, name""")
			.query((rs, row) -> new DriftFinding(DriftKind.valueOf(rs.getString("kind")),
					rs.getObject("node_id", UUID.class), rs.getString("node_name"), rs.getString("name"),
					rs.getObject("instance_id", UUID.class), rs.getTimestamp("first_seen_at").toInstant(),
					rs.getTimestamp("last_seen_at").toInstant(), rs.getString("detail")))
			.list();
	}
}
