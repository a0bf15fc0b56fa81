package io.skyport.compute.placement;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.skyport.compute.NodeId;

/**
 * A region of its own for one test, with nodes inserted as plain rows on libvirt's test driver (placement reads
 * nodes, it does not connect to them). {@link #close()} deletes its allocations, nodes and region settings, so tests
 * sharing the database do not see each other.
 */
final class TestRegion implements AutoCloseable {

	private final JdbcClient jdbc;
	private final String name;

	TestRegion(JdbcClient jdbc, String prefix) {
		this.jdbc = jdbc;
		this.name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	String name() {
		return name;
	}

	/** An UP node with the default overcommit (CPU 4.0, RAM and disk 1.0). */
	NodeId node(String nodeName, int vcpus, long memoryMib, long diskGib) {
		return node(nodeName, "UP", vcpus, memoryMib, diskGib, new BigDecimal("4.0"), BigDecimal.ONE, BigDecimal.ONE);
	}

	NodeId node(String nodeName, String state, int vcpus, long memoryMib, long diskGib, BigDecimal cpuRatio,
			BigDecimal ramRatio, BigDecimal diskRatio) {
		UUID id = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("""
				insert into compute_nodes (id, name, uri, region, virt_type, state, vcpus, memory_mib, disk_gib,
				  cpu_ratio, ram_ratio, disk_ratio, created_at, updated_at)
				values (:id, :name, 'test:///default', :region, 'QEMU', :state, :vcpus, :memory, :disk,
				  :cpuRatio, :ramRatio, :diskRatio, :now, :now)""")
			.param("id", id)
			.param("name", name + "-" + nodeName)
			.param("region", name)
			.param("state", state)
			.param("vcpus", vcpus)
			.param("memory", memoryMib)
			.param("disk", diskGib)
			.param("cpuRatio", cpuRatio)
			.param("ramRatio", ramRatio)
			.param("diskRatio", diskRatio)
			.param("now", now)
			.update();
		return new NodeId(id);
	}

	/** The full name of a node added as {@code nodeName}. */
	String nodeName(String nodeName) {
		return name + "-" + nodeName;
	}

	/** A node's {@code used_*} columns. */
	Resources used(NodeId node) {
		return jdbc.sql("select used_vcpus, used_memory_mib, used_disk_gib from compute_nodes where id = :id")
			.param("id", node.id())
			.query((rs, row) -> new Resources(rs.getInt(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

	/** The sum of a node's allocations. */
	Resources allocated(NodeId node) {
		return jdbc.sql("""
				select coalesce(sum(vcpus), 0), coalesce(sum(memory_mib), 0), coalesce(sum(disk_gib), 0)
				from compute_allocations where node_id = :id""")
			.param("id", node.id())
			.query((rs, row) -> new Resources(rs.getInt(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

	int allocations() {
		return jdbc.sql("""
				select count(*) from compute_allocations a join compute_nodes n on n.id = a.node_id
				where n.region = :region""")
			.param("region", name)
			.query(Integer.class)
			.single();
	}

	List<NodeId> nodes() {
		return jdbc.sql("select id from compute_nodes where region = :region order by name")
			.param("region", name)
			.query((rs, row) -> new NodeId(rs.getObject(1, UUID.class)))
			.list();
	}

	@Override
	public void close() {
		jdbc.sql("delete from compute_allocations where node_id in (select id from compute_nodes where region = :r)")
			.param("r", name)
			.update();
		jdbc.sql("delete from compute_nodes where region = :r").param("r", name).update();
		jdbc.sql("delete from compute_regions where name = :r").param("r", name).update();
	}
}
