package io.skyport.monitoring.alerts;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One evaluation round, run by the recurring task {@code monitoring-alert-evaluation}: the platform's built-in checks
 * and every enabled metric rule. A failing part is logged and the rest still runs.
 */
@Component
class AlertEvaluation {

	private static final Logger log = LoggerFactory.getLogger(AlertEvaluation.class);

	private final PlatformChecks platform;
	private final MetricRules metrics;
	private final AlertRules rules;
	private final Clock clock;

	AlertEvaluation(PlatformChecks platform, MetricRules metrics, AlertRules rules, Clock clock) {
		this.platform = platform;
		this.metrics = metrics;
		this.rules = rules;
		this.clock = clock;
	}

	void evaluate() {
		Instant now = clock.instant();
		try {
			platform.evaluate(now);
		}
		catch (RuntimeException ex) {
			log.warn("The platform's alert checks failed; trying again at the next round", ex);
		}
		try {
			metrics.evaluate(rules.findEnabledMetricRules(), now);
		}
		catch (RuntimeException ex) {
			log.warn("Evaluating the metric alert rules failed; trying again at the next round", ex);
		}
	}
}
