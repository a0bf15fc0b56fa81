package io.skyport.monitoring.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

import io.skyport.monitoring.samples.Metric;
import io.skyport.monitoring.samples.SeriesQuery;
import io.skyport.monitoring.samples.SubjectKind;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;

/**
 * The query parameters of a series request, as people and scripts write them: {@code metric} repeated or
 * comma-separated; {@code from} and {@code to} as ISO-8601 instants ({@code 2026-12-07T10:00:00Z}) or Unix seconds;
 * {@code step} in seconds ({@code 60}) or as a duration ({@code 60s}, {@code 5m}, {@code 1h}, {@code PT1M}).
 * Every problem is reported at once, naming its parameter.
 */
final class SeriesParameters {

	private static final int MAX_METRICS = 16;

	private SeriesParameters() {
	}

	static SeriesQuery.Request parse(SubjectKind kind, UUID subjectId, @Nullable List<String> metrics,
			@Nullable String from, @Nullable String to, @Nullable String step) {
		List<Violation> violations = new ArrayList<>();
		Set<Metric> parsed = new LinkedHashSet<>();
		List<String> names = new ArrayList<>();
		if (metrics != null) {
			metrics.forEach(value -> names.addAll(List.of(value.split(","))));
		}
		if (names.stream().allMatch(String::isBlank)) {
			parsed.addAll(Metric.all(kind));
		}
		else if (names.size() > MAX_METRICS) {
			violations.add(new Violation("metric", "Ask for at most " + MAX_METRICS + " metrics at once."));
		}
		else {
			for (String name : names) {
				if (name.isBlank()) {
					continue;
				}
				Metric.of(kind, name.strip()).ifPresentOrElse(parsed::add, () -> violations.add(new Violation("metric",
						"There is no metric '" + shorten(name) + "'; " + (kind == SubjectKind.INSTANCE ? "servers" : "nodes")
								+ " have " + Metric.keys(kind) + ".")));
			}
		}
		Instant fromInstant = instant("from", from, violations);
		Instant toInstant = instant("to", to, violations);
		Duration stepDuration = duration(step, violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new SeriesQuery.Request(kind, subjectId, List.copyOf(parsed), fromInstant, toInstant, stepDuration);
	}

	private static @Nullable Instant instant(String name, @Nullable String value, List<Violation> violations) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		try {
			if (text.chars().allMatch(Character::isDigit) && text.length() <= 12) {
				return Instant.ofEpochSecond(Long.parseLong(text));
			}
			return Instant.parse(text);
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			violations.add(new Violation(name, "'" + shorten(text) + "' is not a time: use an ISO-8601 instant such as "
					+ "2026-12-07T10:00:00Z, or Unix seconds."));
			return null;
		}
	}

	private static @Nullable Duration duration(@Nullable String value, List<Violation> violations) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			Duration duration = DurationStyle.detectAndParse(value.strip(), ChronoUnit.SECONDS);
			if (duration.isNegative() || duration.isZero()) {
				violations.add(new Violation("step", "The step must be positive, not " + shorten(value) + "."));
				return null;
			}
			if (duration.compareTo(Duration.ofDays(400)) > 0) {
				violations.add(new Violation("step", "A step of " + shorten(value) + " is longer than any range."));
				return null;
			}
			return duration;
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			violations.add(new Violation("step", "'" + shorten(value) + "' is not a step: give seconds (60) or a duration "
					+ "such as 60s, 5m or 1h."));
			return null;
		}
	}

	private static String shorten(String value) {
		return value.length() > 40 ? value.substring(0, 40) + "…" : value;
	}
}
