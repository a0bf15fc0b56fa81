package io.skyport.compute;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A region with room for any plan, for tests of other modules that order (an order names a region that has room for
 * its plan). Its one node is a plain row on libvirt's test driver with a capacity set by hand (probes keep it), far
 * larger than any plan, so dry runs always find room. It exists once the application has started (after the test
 * node is registered), so API calls may name {@link #ROOMY_REGION} directly. A test-only bean: autowire it in a
 * {@code @SkyportIntegrationTest}.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class CapacityFixtures implements ApplicationRunner {

	/** The region's name; its node is {@code fixtures-roomy-node}. */
	public static final String ROOMY_REGION = "fixtures-roomy";

	private final JdbcClient jdbc;
	private volatile boolean created;

	CapacityFixtures(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	@Override
	public void run(ApplicationArguments args) {
		roomyRegion();
	}

	/** The name of a region that has room for any plan; created on first use. */
	public String roomyRegion() {
		if (!created) {
			create();
		}
		return ROOMY_REGION;
	}

	/**
	 * A new region of its own with one UP node of this capacity (a plain row, capacity set by hand; overcommit 1.0
	 * for everything, so the numbers given are exactly the room). Close it to delete the region.
	 */
	public Region region(String prefix, int vcpus, long memoryMib, long diskGib) {
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("""
				insert into compute_nodes (id, name, uri, region, virt_type, state, vcpus, memory_mib, disk_gib,
				  capacity_overridden, cpu_ratio, ram_ratio, disk_ratio, storage_pool, created_at, updated_at)
				values (:id, :name, 'test:///default', :region, 'QEMU', 'UP', :vcpus, :memory, :disk, true, 1.0, 1.0,
				  1.0, 'default-pool', :now, :now)""")
			.param("id", UUID.randomUUID())
			.param("name", name + "-node")
			.param("region", name)
			.param("vcpus", vcpus)
			.param("memory", memoryMib)
			.param("disk", diskGib)
			.param("now", now)
			.update();
		return new Region(name, jdbc);
	}

	/** A region made by {@link #region}; {@link #close()} deletes its node. */
	public record Region(String name, JdbcClient jdbc) implements AutoCloseable {

		@Override
		public void close() {
			jdbc.sql("delete from compute_allocations where node_id in (select id from compute_nodes where region = :r)")
				.param("r", name)
				.update();
			jdbc.sql("delete from compute_nodes where region = :r").param("r", name).update();
		}
	}

	private synchronized void create() {
		if (created) {
			return;
		}
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("""
				insert into compute_nodes (id, name, uri, region, virt_type, state, vcpus, memory_mib, disk_gib,
				  capacity_overridden, storage_pool, created_at, updated_at)
				select :id, :name, 'test:///default', :region, 'QEMU', 'UP', 4096, 16777216, 1048576, true,
				  'default-pool', :now, :now
				where not exists (select 1 from compute_nodes where lower(name) = :name)""")
			.param("id", UUID.randomUUID())
			.param("name", ROOMY_REGION + "-node")
			.param("region", ROOMY_REGION)
			.param("now", now)
			.update();
		created = true;
	}
}
