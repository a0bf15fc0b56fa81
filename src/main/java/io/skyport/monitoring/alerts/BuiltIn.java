package io.skyport.monitoring.alerts;

import org.jspecify.annotations.Nullable;

/**
 * The rules every Skyport has. Each is a row in {@code alert_rules} (migration V32) that operators switch on or off
 * and, where a number makes sense, tune.
 */
enum BuiltIn {

	/** A node missed its probes or heartbeats ({@code NodeWentDown}); resolved when it comes up. */
	NODE_DOWN("A compute node stopped answering; placement skips it until it comes back.", null, null),
	/** A deployment gave up ({@code DeploymentFailed}); resolved when it succeeds after a retry or is torn down. */
	DEPLOYMENT_FAILED("A server's deployment gave up after its retries.", null, null),
	/** At least {@code threshold} e-mails failed and are still undelivered, within the last {@code duration}. */
	EMAIL_FAILING("E-mails could not be handed to the SMTP server and are still undelivered.", "failed e-mails",
			"within"),
	/** Event publications the platform stopped retrying (listeners that failed for days). */
	EVENTS_ABANDONED("Event listeners failed for so long that the platform stopped retrying them.", null, null),
	/** A node's storage pool is more than {@code threshold} % used for {@code duration}. */
	POOL_NEARLY_FULL("A node's storage pool is nearly full: new servers and disks will not fit.", "% of the pool used",
			"for");

	private final String description;
	private final @Nullable String thresholdLabel;
	private final @Nullable String durationLabel;

	BuiltIn(String description, @Nullable String thresholdLabel, @Nullable String durationLabel) {
		this.description = description;
		this.thresholdLabel = thresholdLabel;
		this.durationLabel = durationLabel;
	}

	String description() {
		return description;
	}

	/** What the threshold counts, or {@literal null} when this rule has none to tune. */
	@Nullable String thresholdLabel() {
		return thresholdLabel;
	}

	/** How the duration reads after the threshold ("for", "within"), or {@literal null} when it has none. */
	@Nullable String durationLabel() {
		return durationLabel;
	}

	boolean tunable() {
		return thresholdLabel != null;
	}
}
