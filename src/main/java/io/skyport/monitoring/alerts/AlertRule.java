package io.skyport.monitoring.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.monitoring.samples.Metric;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A rule that raises alerts: a built-in one (operators switch it on or off and tune it), or a metric rule — "metric
 * above (or below) threshold for duration" over a scope — of the operators ({@code organisationId} null) or of a
 * customer for their own servers. Values are checked by {@link RuleValidation} before they get here.
 */
@Entity
@Table(name = "alert_rules")
class AlertRule {

	@Id
	private UUID id;

	private @Nullable UUID organisationId;

	@Enumerated(EnumType.STRING)
	private @Nullable BuiltIn builtin;

	private String name;

	@Enumerated(EnumType.STRING)
	private @Nullable Metric metric;

	@Enumerated(EnumType.STRING)
	private @Nullable Comparison comparison;

	private @Nullable Double threshold;

	private @Nullable Integer durationSeconds;

	@Enumerated(EnumType.STRING)
	private RuleScope scope;

	private @Nullable String scopeTarget;

	private boolean enabled;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	@SuppressWarnings("NullAway.Init")
	protected AlertRule() {
	}

	AlertRule(@Nullable UUID organisationId, RuleSpec spec, Instant now) {
		this.id = UUID.randomUUID();
		this.organisationId = organisationId;
		this.createdAt = now;
		apply(spec, now);
	}

	/** Replaces what the rule watches. Not for built-ins, which only {@link #tune}. */
	void apply(RuleSpec spec, Instant now) {
		if (builtin != null) {
			throw new IllegalStateException("A built-in rule is tuned, not replaced");
		}
		this.name = spec.name();
		this.metric = spec.metric();
		this.comparison = spec.comparison();
		this.threshold = spec.threshold();
		this.durationSeconds = Math.toIntExact(spec.duration().toSeconds());
		this.scope = spec.scope();
		this.scopeTarget = spec.scopeTarget();
		this.enabled = spec.enabled();
		this.updatedAt = now;
	}

	/** Switches a rule on or off and, for a tunable built-in, sets its threshold and duration. */
	void tune(boolean enabled, @Nullable Double threshold, @Nullable Duration duration, Instant now) {
		this.enabled = enabled;
		if (threshold != null) {
			this.threshold = threshold;
		}
		if (duration != null) {
			this.durationSeconds = Math.toIntExact(duration.toSeconds());
		}
		this.updatedAt = now;
	}

	UUID id() {
		return id;
	}

	@Nullable UUID organisationId() {
		return organisationId;
	}

	@Nullable BuiltIn builtin() {
		return builtin;
	}

	boolean isBuiltIn() {
		return builtin != null;
	}

	String name() {
		return name;
	}

	@Nullable Metric metric() {
		return metric;
	}

	@Nullable Comparison comparison() {
		return comparison;
	}

	@Nullable Double threshold() {
		return threshold;
	}

	@Nullable Duration duration() {
		return durationSeconds == null ? null : Duration.ofSeconds(durationSeconds);
	}

	RuleScope scope() {
		return scope;
	}

	@Nullable String scopeTarget() {
		return scopeTarget;
	}

	boolean enabled() {
		return enabled;
	}

	Instant createdAt() {
		return createdAt;
	}

	Instant updatedAt() {
		return updatedAt;
	}

	/** Whether the evaluation job compares samples for this rule. */
	boolean watchesMetric() {
		return metric != null && comparison != null && threshold != null && durationSeconds != null;
	}
}
