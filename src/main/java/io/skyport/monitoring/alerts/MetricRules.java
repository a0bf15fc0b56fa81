package io.skyport.monitoring.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.skyport.monitoring.samples.Metric;
import io.skyport.monitoring.samples.MetricReader;
import io.skyport.monitoring.samples.SubjectInfo;
import io.skyport.monitoring.samples.SubjectKind;
import io.skyport.monitoring.samples.Subjects;
import io.skyport.monitoring.samples.WindowStats;

/**
 * Evaluates metric rules on the stored samples. "CPU above 90 % for 5 minutes" holds for a subject when its window
 * [now − 5 min, now) has samples, covers the window (the first sample within the coverage slack of its start, the
 * last within the slack of its end) and every sample is above 90 (the window's minimum); the alert resolves when that
 * no longer holds — a sample at or below the threshold, missing samples, or the subject leaving the rule's scope.
 */
@Component
class MetricRules {

	private static final Logger log = LoggerFactory.getLogger(MetricRules.class);

	private final MetricReader reader;
	private final Subjects subjects;
	private final AlertLedger ledger;
	private final AlertSettings settings;

	MetricRules(MetricReader reader, Subjects subjects, AlertLedger ledger, AlertSettings settings) {
		this.reader = reader;
		this.subjects = subjects;
		this.ledger = ledger;
		this.settings = settings;
	}

	/** One round over the given rules; windows are read once per metric and duration. */
	void evaluate(List<AlertRule> rules, Instant now) {
		Map<SubjectKind, List<SubjectInfo>> known = new HashMap<>();
		Map<String, Map<UUID, WindowStats>> windows = new HashMap<>();
		for (AlertRule rule : rules) {
			if (!rule.watchesMetric()) {
				continue;
			}
			Metric metric = Objects.requireNonNull(rule.metric());
			Duration duration = Objects.requireNonNull(rule.duration());
			try {
				List<SubjectInfo> all = known.computeIfAbsent(metric.kind(), subjects::all);
				Map<UUID, WindowStats> stats = windows.computeIfAbsent(metric.name() + "/" + duration,
						key -> reader.window(metric, now.minus(duration), now));
				evaluate(rule, metric, duration, all, stats, now);
			}
			catch (RuntimeException ex) {
				log.warn("Evaluating alert rule {} failed; the other rules still run", rule.id(), ex);
			}
		}
	}

	private void evaluate(AlertRule rule, Metric metric, Duration duration, List<SubjectInfo> all,
			Map<UUID, WindowStats> stats, Instant now) {
		Comparison comparison = Objects.requireNonNull(rule.comparison());
		double threshold = Objects.requireNonNull(rule.threshold());
		Set<String> holding = new HashSet<>();
		Map<String, String> reasons = new HashMap<>();
		for (SubjectInfo subject : all) {
			if (!inScope(rule, metric, subject)) {
				continue;
			}
			AlertSubject alertSubject = subject.kind() == SubjectKind.NODE ? AlertSubject.node(subject.id(), subject.name())
					: AlertSubject.instance(subject.id(), subject.name());
			WindowStats window = stats.get(subject.id());
			if (window != null && covers(window, now.minus(duration), now) && comparison.allBeyond(window, threshold)) {
				holding.add(alertSubject.key());
				double value = comparison.nearest(window);
				ledger.fire(rule, alertSubject, condition(metric, comparison, threshold, duration) + " on "
						+ subject.name() + " (" + (comparison == Comparison.ABOVE ? "lowest " : "highest ")
						+ Units.format(value, metric.unit()) + ")", value, now);
			}
			else {
				reasons.put(alertSubject.key(), window == null
						? "No samples of " + metric.label() + " in the last " + Units.minutes(duration.toMinutes())
						: metric.label() + " at " + Units.format(comparison == Comparison.ABOVE ? window.min() : window.max(),
								metric.unit()) + ", no longer " + comparison.word() + " "
								+ Units.format(threshold, metric.unit()) + " the whole time");
			}
		}
		for (String key : ledger.firingKeys(rule)) {
			if (!holding.contains(key)) {
				ledger.resolve(rule, key, reasons.getOrDefault(key, "No longer in the rule's scope"), now);
			}
		}
	}

	/** "CPU above 90 % for 5 minutes". */
	static String condition(Metric metric, Comparison comparison, double threshold, Duration duration) {
		return metric.label() + " " + comparison.word() + " " + Units.format(threshold, metric.unit()) + " for "
				+ Units.minutes(duration.toMinutes());
	}

	private boolean covers(WindowStats window, Instant from, Instant to) {
		Duration slack = settings.coverageSlack();
		return window.samples() > 0 && !window.first().isAfter(from.plus(slack))
				&& !window.last().isBefore(to.minus(slack));
	}

	static boolean inScope(AlertRule rule, Metric metric, SubjectInfo subject) {
		UUID owner = rule.organisationId();
		if (owner != null && !owner.equals(subject.ownerOrganisationId())) {
			return false;
		}
		@Nullable String target = rule.scopeTarget();
		return switch (rule.scope()) {
			case ALL -> true;
			case REGION -> subject.region().equals(target);
			case INSTANCE -> subject.kind() == SubjectKind.INSTANCE && subject.id().toString().equals(target);
			case NODE -> metric.kind() == SubjectKind.NODE ? subject.id().toString().equals(target)
					: subject.nodeId() != null && subject.nodeId().toString().equals(target);
		};
	}
}
