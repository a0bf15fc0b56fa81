package io.skyport.compute.placement;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.skyport.compute.InstanceId;
import io.skyport.compute.NodeId;

/**
 * Placement's SQL: node snapshots, the conditional UPDATE that reserves capacity, allocations and regions. The only
 * writer of {@code compute_nodes.used_*}. Every statement is cancelled after {@link #STATEMENT_TIMEOUT} (a lock held
 * by a stuck transaction must not hang a request); callers run these in a transaction.
 */
@Component
class PlacementLedger {

	static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(5);

	/** First key of the advisory locks that serialise reservations of one instance. */
	private static final int INSTANCE_LOCKS = 7_101;

	/** First key of the advisory locks that serialise reservations in one anti-affinity group. */
	private static final int GROUP_LOCKS = 7_102;

	private static final String NODES = """
			select n.id, n.name, n.region, n.state, n.vcpus, n.memory_mib, n.disk_gib, n.cpu_ratio, n.ram_ratio,
			       n.disk_ratio, n.used_vcpus, n.used_memory_mib, n.used_disk_gib, %s as holds_group
			from compute_nodes n
			where n.region = :region
			order by n.name, n.id""";

	private static final String HOLDS_GROUP = """
			exists (select 1 from compute_allocations a where a.node_id = n.id and a.anti_affinity_group = :group)""";

	private static final String NOT_HOLDING_GROUP = """
			and not exists (select 1 from compute_allocations a
			                where a.node_id = compute_nodes.id and a.anti_affinity_group = :group)""";

	private static final String TAKE = """
			update compute_nodes
			set used_vcpus = used_vcpus + :vcpus, used_memory_mib = used_memory_mib + :memory,
			    used_disk_gib = used_disk_gib + :disk
			where id = :id and region = :region and state = 'UP'
			  and used_vcpus + :vcpus <= floor(vcpus * cpu_ratio)
			  and used_memory_mib + :memory <= floor(memory_mib * ram_ratio)
			  and used_disk_gib + :disk <= floor(disk_gib * disk_ratio)
			  %s
			returning name""";

	private static final String RELEASE = """
			with released as (
			  delete from compute_allocations where instance_id = :instance
			  returning node_id, vcpus, memory_mib, disk_gib)
			update compute_nodes n
			set used_vcpus = n.used_vcpus - r.vcpus, used_memory_mib = n.used_memory_mib - r.memory_mib,
			    used_disk_gib = n.used_disk_gib - r.disk_gib
			from released r
			where n.id = r.node_id""";

	private static final String REGIONS = """
			with names as (select region as name from compute_nodes union select name from compute_regions)
			select names.name, coalesce(r.weigher, 'SPREAD') as weigher, r.description,
			       count(n.id) as nodes, count(n.id) filter (where n.state = 'UP') as nodes_up,
			       coalesce(sum(floor(n.vcpus * n.cpu_ratio)), 0) as allowed_vcpus,
			       coalesce(sum(floor(n.memory_mib * n.ram_ratio)), 0) as allowed_memory,
			       coalesce(sum(floor(n.disk_gib * n.disk_ratio)), 0) as allowed_disk,
			       coalesce(sum(n.used_vcpus), 0) as used_vcpus,
			       coalesce(sum(n.used_memory_mib), 0) as used_memory,
			       coalesce(sum(n.used_disk_gib), 0) as used_disk,
			       coalesce(sum(greatest(floor(n.vcpus * n.cpu_ratio) - n.used_vcpus, 0))
			                filter (where n.state = 'UP'), 0) as free_vcpus,
			       coalesce(sum(greatest(floor(n.memory_mib * n.ram_ratio) - n.used_memory_mib, 0))
			                filter (where n.state = 'UP'), 0) as free_memory,
			       coalesce(sum(greatest(floor(n.disk_gib * n.disk_ratio) - n.used_disk_gib, 0))
			                filter (where n.state = 'UP'), 0) as free_disk
			from names
			left join compute_regions r on r.name = names.name
			left join compute_nodes n on n.region = names.name
			%s
			group by names.name, r.weigher, r.description
			order by names.name""";

	private final JdbcClient jdbc;

	PlacementLedger(DataSource dataSource) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setQueryTimeout(Math.toIntExact(STATEMENT_TIMEOUT.toSeconds()));
		this.jdbc = JdbcClient.create(template);
	}

	/** An instance's allocation, with its node's name and region. */
	record Allocation(NodeId nodeId, String nodeName, String region, Resources size, @Nullable String group) {
	}

	/** The region's nodes, ordered by name; the snapshots carry {@code group} if they hold an instance of it. */
	List<NodeSnapshot> nodes(String region, @Nullable String group) {
		var statement = jdbc.sql(NODES.formatted(group == null ? "false" : HOLDS_GROUP)).param("region", region);
		if (group != null) {
			statement = statement.param("group", group);
		}
		return statement.query((rs, row) -> node(rs, group)).list();
	}

	/** The weigher chosen for a region, if it has a {@code compute_regions} row. */
	Optional<Weigher> weigher(String region) {
		return jdbc.sql("select weigher from compute_regions where name = :region")
			.param("region", region)
			.query(String.class)
			.optional()
			.map(Weigher::valueOf);
	}

	/** Every region: those of nodes and those with a {@code compute_regions} row, sorted. */
	List<String> regionNames() {
		return jdbc.sql("select region from compute_nodes union select name from compute_regions order by 1")
			.query(String.class)
			.list();
	}

	List<RegionView> regions() {
		return jdbc.sql(REGIONS.formatted("")).query(PlacementLedger::totals).list();
	}

	Optional<RegionView> region(String name) {
		return jdbc.sql(REGIONS.formatted("where names.name = :name"))
			.param("name", name)
			.query(PlacementLedger::totals)
			.optional();
	}

	void saveRegion(String name, Weigher weigher, @Nullable String description, Instant now) {
		jdbc.sql("""
				insert into compute_regions (name, weigher, description, created_at, updated_at)
				values (:name, :weigher, :description, :now, :now)
				on conflict (name) do update
				set weigher = excluded.weigher, description = excluded.description, updated_at = excluded.updated_at""")
			.param("name", name)
			.param("weigher", weigher.name())
			.param("description", description)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

	/** Waits until no other transaction is reserving for this instance (until this transaction ends). */
	void lockInstance(InstanceId instance) {
		lock(INSTANCE_LOCKS, instance.toString());
	}

	/** Waits until no other transaction is reserving in this anti-affinity group (until this transaction ends). */
	void lockGroup(String group) {
		lock(GROUP_LOCKS, group);
	}

	Optional<Allocation> allocation(InstanceId instance) {
		return jdbc.sql("""
				select a.node_id, n.name, n.region, a.vcpus, a.memory_mib, a.disk_gib, a.anti_affinity_group
				from compute_allocations a join compute_nodes n on n.id = a.node_id
				where a.instance_id = :instance""")
			.param("instance", instance.id())
			.query((rs, row) -> new Allocation(new NodeId(rs.getObject("node_id", UUID.class)), rs.getString("name"),
					rs.getString("region"), new Resources(rs.getInt("vcpus"), rs.getLong("memory_mib"),
							rs.getLong("disk_gib")),
					rs.getString("anti_affinity_group")))
			.optional();
	}

	/**
	 * Adds {@code size} to the node's usage if, at this moment, it is up, in {@code region}, has the room after
	 * overcommit, and (with a group) holds no instance of {@code group}. PostgreSQL re-checks the condition on the
	 * latest row version after waiting for a concurrent reservation on the same node, so two reservations can never
	 * both take the last room.
	 * <p>
	 * The UPDATE runs in a savepoint that is rolled back when it changes nothing: after such a re-check PostgreSQL
	 * keeps the row locked even though it did not update it, and a transaction holding one node while waiting for the
	 * next could deadlock with another doing the opposite. So a reservation holds at most the one node it took.
	 *
	 * @return the node's name, or empty if the node could not take it (another reservation was faster).
	 */
	Optional<String> take(NodeId node, String region, Resources size, @Nullable String group) {
		jdbc.sql("savepoint placement_take").update();
		var statement = jdbc.sql(TAKE.formatted(group == null ? "" : NOT_HOLDING_GROUP))
			.param("id", node.id())
			.param("region", region)
			.param("vcpus", size.vcpus())
			.param("memory", size.memoryMib())
			.param("disk", size.diskGib());
		if (group != null) {
			statement = statement.param("group", group);
		}
		Optional<String> taken = statement.query(String.class).optional();
		jdbc.sql(taken.isPresent() ? "release savepoint placement_take" : "rollback to savepoint placement_take")
			.update();
		return taken;
	}

	void record(InstanceId instance, NodeId node, Resources size, @Nullable String group, Instant now) {
		jdbc.sql("""
				insert into compute_allocations
				  (instance_id, node_id, vcpus, memory_mib, disk_gib, anti_affinity_group, created_at)
				values (:instance, :node, :vcpus, :memory, :disk, :group, :now)""")
			.param("instance", instance.id())
			.param("node", node.id())
			.param("vcpus", size.vcpus())
			.param("memory", size.memoryMib())
			.param("disk", size.diskGib())
			.param("group", group, java.sql.Types.VARCHAR)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

	/** Deletes the instance's allocation and gives its size back to the node, in one statement. */
	boolean release(InstanceId instance) {
		return jdbc.sql(RELEASE).param("instance", instance.id()).update() > 0;
	}

	private void lock(int space, String key) {
		jdbc.sql("select 1 from (select pg_advisory_xact_lock(:space, hashtext(:key))) locked")
			.param("space", space)
			.param("key", key)
			.query(Integer.class)
			.single();
	}

	private static NodeSnapshot node(ResultSet rs, @Nullable String group) throws SQLException {
		return new NodeSnapshot(new NodeId(rs.getObject("id", UUID.class)), rs.getString("name"),
				rs.getString("region"), NodeState.valueOf(rs.getString("state")),
				new Resources(rs.getInt("vcpus"), rs.getLong("memory_mib"), rs.getLong("disk_gib")),
				new Overcommit(ratio(rs, "cpu_ratio"), ratio(rs, "ram_ratio"), ratio(rs, "disk_ratio")),
				new Resources(rs.getInt("used_vcpus"), rs.getLong("used_memory_mib"), rs.getLong("used_disk_gib")),
				group != null && rs.getBoolean("holds_group") ? Set.of(group) : Set.of());
	}

	private static BigDecimal ratio(ResultSet rs, String column) throws SQLException {
		return rs.getBigDecimal(column);
	}

	private static RegionView totals(ResultSet rs, int row) throws SQLException {
		return new RegionView(rs.getString("name"), Weigher.valueOf(rs.getString("weigher")),
				rs.getString("description"), rs.getInt("nodes"), rs.getInt("nodes_up"),
				new Resources(rs.getInt("allowed_vcpus"), rs.getLong("allowed_memory"), rs.getLong("allowed_disk")),
				new Resources(rs.getInt("used_vcpus"), rs.getLong("used_memory"), rs.getLong("used_disk")),
				new Resources(rs.getInt("free_vcpus"), rs.getLong("free_memory"), rs.getLong("free_disk")));
	}
}
