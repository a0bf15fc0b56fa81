package io.skyport.monitoring.prometheus;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Per-instance series for Prometheus, labelled {@code instance} (the instance's ID), {@code node} (its node's ID) and
 * {@code region}: IDs, never names people typed, so label sets stay bounded and clean. Every server of the cluster
 * exposes the same values, read from the last samples in the database every {@code skyport.monitoring.interval}
 * (an in-memory refresh, so it runs on each server); an instance no longer sampled for 10 minutes loses its series.
 * Counters are the machine's own and restart from zero with it, which Prometheus' {@code rate()} handles.
 */
@Component
class InstanceMeters {

	private static final String LATEST = """
			select s.id, s.node_id, s.region, s.net_in_total, s.net_out_total, s.disk_read_total, s.disk_write_total,
			       r.cpu_percent, r.memory_used, r.memory_available
			from monitoring_subjects s
			left join lateral (select cpu_percent, memory_used, memory_available from monitoring_instance_samples x
			                   where x.instance_id = s.id and x.sampled_at = s.sampled_at limit 1) r on true
			where s.kind = 'INSTANCE' and s.sampled_at > ?""";

	/** The latest values of one instance; the meters read them. */
	static final class Latest {

		volatile double cpuRatio = Double.NaN;
		volatile double memoryUsed = Double.NaN;
		volatile double memoryAvailable = Double.NaN;
		volatile double received;
		volatile double transmitted;
		volatile double read;
		volatile double written;
		final List<Meter> meters = new ArrayList<>();
	}

	private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

	private final JdbcTemplate jdbc;
	private final MeterRegistry registry;
	private final Clock clock;
	private final Map<UUID, Latest> instances = new ConcurrentHashMap<>();

	InstanceMeters(JdbcTemplate jdbc, MeterRegistry registry, Clock clock) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${skyport.monitoring.interval:15s}", initialDelayString = "${skyport.monitoring.interval:15s}")
	void refresh() {
		Map<UUID, Boolean> seen = new HashMap<>();
		jdbc.query(LATEST, rs -> {
			UUID id = rs.getObject("id", UUID.class);
			seen.put(id, true);
			Latest latest = instances.computeIfAbsent(id, key -> {
				try {
					return register(key, String.valueOf(rs.getObject("node_id")), rs.getString("region"));
				}
				catch (java.sql.SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			double cpu = rs.getDouble("cpu_percent");
			latest.cpuRatio = rs.wasNull() ? Double.NaN : cpu / 100;
			long used = rs.getLong("memory_used");
			latest.memoryUsed = rs.wasNull() ? Double.NaN : used;
			long available = rs.getLong("memory_available");
			latest.memoryAvailable = rs.wasNull() ? Double.NaN : available;
			latest.received = rs.getLong("net_in_total");
			latest.transmitted = rs.getLong("net_out_total");
			latest.read = rs.getLong("disk_read_total");
			latest.written = rs.getLong("disk_write_total");
		}, Timestamp.from(clock.instant().minus(FORGET_AFTER)));
		instances.entrySet().removeIf(entry -> {
			if (seen.containsKey(entry.getKey())) {
				return false;
			}
			entry.getValue().meters.forEach(registry::remove);
			return true;
		});
	}

	private Latest register(UUID id, String node, String region) {
		Latest latest = new Latest();
		Tags tags = Tags.of("instance", id.toString(), "node", node, "region", region);
		latest.meters.add(Gauge.builder("skyport.instance.cpu.usage", latest, l -> l.cpuRatio)
			.description("Share of its virtual CPUs the server used over the last sampling interval (0-1)")
			.baseUnit("ratio").tags(tags).register(registry));
		latest.meters.add(Gauge.builder("skyport.instance.memory.used", latest, l -> l.memoryUsed)
			.description("Memory the server's guest uses, as its balloon driver reports it")
			.baseUnit("bytes").tags(tags).register(registry));
		latest.meters.add(Gauge.builder("skyport.instance.memory.available", latest, l -> l.memoryAvailable)
			.description("Memory the server's guest can use").baseUnit("bytes").tags(tags).register(registry));
		latest.meters.add(FunctionCounter.builder("skyport.instance.network.receive", latest, l -> l.received)
			.description("Bytes the server received since its machine started").baseUnit("bytes").tags(tags)
			.register(registry));
		latest.meters.add(FunctionCounter.builder("skyport.instance.network.transmit", latest, l -> l.transmitted)
			.description("Bytes the server transmitted since its machine started").baseUnit("bytes").tags(tags)
			.register(registry));
		latest.meters.add(FunctionCounter.builder("skyport.instance.disk.read", latest, l -> l.read)
			.description("Bytes the server read from its disks since its machine started").baseUnit("bytes")
			.tags(tags).register(registry));
		latest.meters.add(FunctionCounter.builder("skyport.instance.disk.written", latest, l -> l.written)
			.description("Bytes the server wrote to its disks since its machine started").baseUnit("bytes")
			.tags(tags).register(registry));
		return latest;
	}
}
