package io.skyport.monitoring.alerts;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.skyport.monitoring.samples.Metric;

/** A metric rule's validated values. */
record RuleSpec(String name, Metric metric, Comparison comparison, double threshold, Duration duration,
		RuleScope scope, @Nullable String scopeTarget, boolean enabled) {
}
