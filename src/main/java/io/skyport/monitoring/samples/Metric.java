package io.skyport.monitoring.samples;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The series Skyport keeps. Each is one value per sample row, computed by {@link #column()} from the sample tables'
 * columns; the same expression applies to raw samples and to aggregates (whose columns hold time-weighted averages
 * and sums over {@code seconds}), and a bucket's value is the {@code seconds}-weighted mean of its rows' values.
 */
public enum Metric {

	CPU(SubjectKind.INSTANCE, "cpu", "%", "CPU", "cpu_percent"),
	MEMORY_USED(SubjectKind.INSTANCE, "memory_used", "bytes", "Memory used", "memory_used"),
	MEMORY_AVAILABLE(SubjectKind.INSTANCE, "memory_available", "bytes", "Memory available", "memory_available"),
	NETWORK_IN(SubjectKind.INSTANCE, "network_in", "bytes/s", "Network in", "net_in / nullif(seconds, 0)"),
	NETWORK_OUT(SubjectKind.INSTANCE, "network_out", "bytes/s", "Network out", "net_out / nullif(seconds, 0)"),
	DISK_READ(SubjectKind.INSTANCE, "disk_read", "bytes/s", "Disk read", "disk_read / nullif(seconds, 0)"),
	DISK_WRITE(SubjectKind.INSTANCE, "disk_write", "bytes/s", "Disk write", "disk_write / nullif(seconds, 0)"),
	DISK_READ_OPS(SubjectKind.INSTANCE, "disk_read_ops", "ops/s", "Disk reads", "disk_read_ops / nullif(seconds, 0)"),
	DISK_WRITE_OPS(SubjectKind.INSTANCE, "disk_write_ops", "ops/s", "Disk writes",
			"disk_write_ops / nullif(seconds, 0)"),

	NODE_CPU(SubjectKind.NODE, "cpu", "%", "Guest CPU", "cpu_percent"),
	NODE_MEMORY_FREE(SubjectKind.NODE, "memory_free", "bytes", "Free memory", "memory_free"),
	NODE_POOL_FREE(SubjectKind.NODE, "pool_free", "bytes", "Free pool space", "pool_free"),
	NODE_POOL_USED(SubjectKind.NODE, "pool_used", "%", "Pool used",
			"100.0 * (pool_bytes - pool_free) / nullif(pool_bytes, 0)"),
	NODE_DOMAINS(SubjectKind.NODE, "domains", "count", "Machines", "domains");

	private final SubjectKind kind;
	private final String key;
	private final String unit;
	private final String label;
	private final String column;

	Metric(SubjectKind kind, String key, String unit, String label, String column) {
		this.kind = kind;
		this.key = key;
		this.unit = unit;
		this.label = label;
		this.column = column;
	}

	public SubjectKind kind() {
		return kind;
	}

	/** The name in the API ({@code metric=cpu}). */
	public String key() {
		return key;
	}

	/** {@code %}, {@code bytes}, {@code bytes/s}, {@code ops/s} or {@code count}. */
	public String unit() {
		return unit;
	}

	public String label() {
		return label;
	}

	/** The SQL expression of one row's value (a fixed string of ours, never input). */
	String column() {
		return column;
	}

	public static Optional<Metric> of(SubjectKind kind, String key) {
		return Arrays.stream(values()).filter(m -> m.kind == kind && m.key.equals(key)).findFirst();
	}

	/** A kind's metrics, in their order. */
	public static List<Metric> all(SubjectKind kind) {
		return Arrays.stream(values()).filter(m -> m.kind == kind).toList();
	}

	/** The keys of a kind's metrics, for error messages. */
	public static String keys(SubjectKind kind) {
		return String.join(", ", Arrays.stream(values()).filter(m -> m.kind == kind).map(Metric::key).toList());
	}
}
