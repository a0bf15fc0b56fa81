package io.skyport.monitoring.alerts;

import org.jspecify.annotations.Nullable;

/**
 * A metric rule as a person or script sends it, before validation.
 *
 * @param subjectKind {@code instance} (default: server metrics) or {@code node} (node metrics; operators only).
 * @param metric a metric of that kind of subject, e.g. {@code cpu}, or {@code pool_used} of a node.
 * @param comparison {@code above} (default) or {@code below}.
 * @param scope {@code instance}, {@code node}, {@code region} or {@code all}; customers: {@code instance} or
 *        {@code all} (every server of theirs).
 * @param enabled {@literal null} for on.
 */
record RuleInput(@Nullable String name, @Nullable String subjectKind, @Nullable String metric,
		@Nullable String comparison,
		@Nullable Double threshold, @Nullable Integer durationMinutes, @Nullable String scope,
		@Nullable String instanceId, @Nullable String nodeId, @Nullable String region, @Nullable Boolean enabled) {
}
