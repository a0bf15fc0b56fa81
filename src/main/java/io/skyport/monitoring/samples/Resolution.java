package io.skyport.monitoring.samples;

import java.time.Duration;

/** The three resolutions samples are kept at, finest first. */
public enum Resolution {

	RAW("samples", Duration.ZERO), MINUTE("minutes", Duration.ofMinutes(1)), HOUR("hours", Duration.ofHours(1));

	private final String tableSuffix;
	private final Duration granularity;

	Resolution(String tableSuffix, Duration granularity) {
		this.tableSuffix = tableSuffix;
		this.granularity = granularity;
	}

	/** The bucket size of an aggregate; zero for raw samples (one per collection interval). */
	public Duration granularity() {
		return granularity;
	}

	String table(SubjectKind kind) {
		return "monitoring_" + (kind == SubjectKind.INSTANCE ? "instance" : "node") + "_" + tableSuffix;
	}

	static String idColumn(SubjectKind kind) {
		return kind == SubjectKind.INSTANCE ? "instance_id" : "node_id";
	}

	Duration retention(MonitoringProperties.Retention retention) {
		return switch (this) {
			case RAW -> retention.raw();
			case MINUTE -> retention.minutes();
			case HOUR -> retention.hours();
		};
	}
}
