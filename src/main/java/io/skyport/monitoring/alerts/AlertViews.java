package io.skyport.monitoring.alerts;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.monitoring.samples.Metric;

/** What pages and the API show of rules and alerts. */
final class AlertViews {

	private AlertViews() {
	}

	/**
	 * @param builtIn the built-in's name (e.g. {@code NODE_DOWN}), or {@literal null} for a metric rule.
	 * @param scopeTarget the server's or node's ID, or the region, for those scopes.
	 */
	record RuleView(UUID id, String name, @Nullable String builtIn, @Nullable String description,
			@Nullable String subjectKind, @Nullable String metric, @Nullable String metricLabel, @Nullable String unit, @Nullable String comparison,
			@Nullable Double threshold, @Nullable Integer durationMinutes, String scope, @Nullable String scopeTarget,
			boolean enabled, boolean tunable, @Nullable String thresholdLabel, @Nullable String durationLabel,
			int firing, Instant createdAt, Instant updatedAt) {

		static RuleView of(AlertRule rule, int firing) {
			Metric metric = rule.metric();
			BuiltIn builtIn = rule.builtin();
			return new RuleView(rule.id(), rule.name(), builtIn == null ? null : builtIn.name(),
					builtIn == null ? null : builtIn.description(),
					metric == null ? null : metric.kind().name().toLowerCase(java.util.Locale.ROOT),
					metric == null ? null : metric.key(),
					metric == null ? null : metric.label(), metric == null ? null : metric.unit(),
					rule.comparison() == null ? null : rule.comparison().word(), rule.threshold(),
					rule.duration() == null ? null : Math.toIntExact(rule.duration().toMinutes()),
					rule.scope().name().toLowerCase(java.util.Locale.ROOT), rule.scopeTarget(), rule.enabled(),
					builtIn == null || builtIn.tunable(),
					builtIn == null ? (metric == null ? null : metric.unit()) : builtIn.thresholdLabel(),
					builtIn == null ? "for" : builtIn.durationLabel(), firing, rule.createdAt(), rule.updatedAt());
		}

		/** What the rule watches, in words: "all servers", "region fra1", "node 3f2a…". */
		public String scopeText() {
			String things = "node".equals(subjectKind) ? "nodes" : "servers";
			return switch (scope) {
				case "all" -> "all " + things;
				case "region" -> things + " of region " + scopeTarget;
				case "node" -> "node".equals(subjectKind) ? "node " + scopeTarget : "servers on node " + scopeTarget;
				default -> "server " + scopeTarget;
			};
		}

		/** The threshold as a person types it: {@code 90}, {@code 99.5}. */
		public String thresholdText() {
			return threshold == null ? "" : Units.number(threshold);
		}

		/** "CPU above 90 % for 5 minutes", or the built-in's description. */
		public String condition() {
			if (metric != null && comparison != null && threshold != null && durationMinutes != null && unit != null) {
				return metricLabel + " " + comparison + " " + Units.format(threshold, unit) + " for "
						+ Units.minutes(durationMinutes);
			}
			if (threshold != null && durationMinutes != null) {
				return Units.number(threshold) + " " + thresholdLabel + " " + durationLabel + " "
						+ Units.minutes(durationMinutes);
			}
			return description == null ? "" : description;
		}
	}

	record AlertView(UUID id, @Nullable UUID ruleId, String ruleName, String state, String subjectKind,
			@Nullable UUID subjectId, String subjectName, String summary, @Nullable Double value,
			@Nullable String resolution, Instant firedAt, @Nullable Instant resolvedAt) {

		static AlertView of(Alert alert) {
			return new AlertView(alert.id(), alert.ruleId(), alert.ruleName(),
					alert.state().name().toLowerCase(java.util.Locale.ROOT),
					alert.subjectKind().name().toLowerCase(java.util.Locale.ROOT), alert.subjectId(),
					alert.subjectName(), alert.summary(), alert.value(), alert.resolution(), alert.firedAt(),
					alert.resolvedAt());
		}

		public boolean firing() {
			return state.equals("firing");
		}
	}
}
