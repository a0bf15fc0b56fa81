package io.skyport.monitoring.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.skyport.accounts.OrganisationId;
import io.skyport.compute.ComputeCapacity;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.InstanceId;
import io.skyport.monitoring.samples.Metric;
import io.skyport.monitoring.samples.SubjectKind;
import io.skyport.monitoring.samples.Subjects;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.errors.TextRule;

/**
 * Checks a rule before it is stored: every problem at once, each naming its field, and thresholds or durations that
 * could never fire refused with the reason. A customer's rule may only watch server metrics of their own servers
 * (someone else's server: not found, as if it did not exist).
 */
@Component
class RuleValidation {

	static final int MAX_DURATION_MINUTES = 24 * 60;
	static final double MAX_VALUE = 1e15;

	private static final TextRule NAME = new TextRule("name", 100, "Enter a name.", "the name");

	private final ComputeInstances instances;
	private final ComputeCapacity capacity;
	private final Subjects subjects;

	RuleValidation(ComputeInstances instances, ComputeCapacity capacity, Subjects subjects) {
		this.instances = instances;
		this.capacity = capacity;
		this.subjects = subjects;
	}

	/** @param customer the organisation whose servers the rule watches, or {@literal null} for an operator's rule. */
	RuleSpec check(RuleInput input, @Nullable OrganisationId customer) {
		List<Violation> violations = new ArrayList<>();
		SubjectKind kind = kind(input.subjectKind(), customer != null, violations);
		Metric metric = kind == null ? null : metric(input.metric(), kind, customer != null, violations);
		Comparison comparison = comparison(input.comparison(), violations);
		Double threshold = threshold(input.threshold(), metric, comparison, violations);
		Duration duration = duration(input.durationMinutes(), violations);
		RuleScope scope = scope(input.scope(), customer != null, violations);
		String target = scope == null ? null : target(input, scope, metric, customer, violations);
		String name = NAME.optional(input.name(), violations);
		if (name != null && name.chars().anyMatch(Character::isISOControl)) {
			violations.add(new Violation("name", "Keep the name on one line."));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		if (name == null) {
			name = MetricRules.condition(metric, comparison, threshold, duration);
			name = name.length() > 100 ? name.substring(0, 100) : name;
		}
		return new RuleSpec(name, metric, comparison, threshold, duration, scope, target,
				input.enabled() == null || input.enabled());
	}

	/** A built-in's threshold, or {@literal null} when it has none; unchanged when not given. */
	@Nullable Double builtInThreshold(BuiltIn builtIn, @Nullable Double value, List<Violation> violations) {
		if (value == null || !builtIn.tunable()) {
			return null;
		}
		if (builtIn == BuiltIn.POOL_NEARLY_FULL && !(value >= 1 && value < 100)) {
			violations.add(new Violation("threshold", "Use a share of the pool from 1 to 99.9 %: a pool is never "
					+ "more than 100 % used."));
		}
		if (builtIn == BuiltIn.EMAIL_FAILING && !(value >= 1 && value <= 10_000 && value == Math.rint(value))) {
			violations.add(new Violation("threshold", "Use a whole number of failed e-mails from 1 to 10000."));
		}
		return value;
	}

	@Nullable Duration builtInDuration(BuiltIn builtIn, @Nullable Integer minutes, List<Violation> violations) {
		if (minutes == null || !builtIn.tunable()) {
			return null;
		}
		return duration(minutes, violations);
	}

	private static @Nullable SubjectKind kind(@Nullable String value, boolean customer, List<Violation> violations) {
		if (value == null || value.isBlank()) {
			return SubjectKind.INSTANCE;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "instance" -> SubjectKind.INSTANCE;
			case "node" -> {
				if (customer) {
					violations.add(new Violation("subjectKind", "Rules for your servers watch server metrics: use "
							+ "instance."));
					yield null;
				}
				yield SubjectKind.NODE;
			}
			default -> {
				violations.add(new Violation("subjectKind", customer ? "Use instance." : "Use instance or node."));
				yield null;
			}
		};
	}

	private static @Nullable Metric metric(@Nullable String key, SubjectKind kind, boolean customer,
			List<Violation> violations) {
		if (key == null || key.isBlank()) {
			violations.add(new Violation("metric", "Choose a metric: " + keys(kind) + "."));
			return null;
		}
		Optional<Metric> metric = Metric.of(kind, key.strip().toLowerCase(Locale.ROOT));
		if (metric.isEmpty()) {
			violations.add(new Violation("metric", "'" + shorten(key) + "' is not a metric of "
					+ (customer ? "your servers" : kind == SubjectKind.NODE ? "nodes" : "servers") + ". Use one of "
					+ keys(kind) + "."));
			return null;
		}
		return metric.get();
	}

	private static String keys(SubjectKind kind) {
		return Arrays.stream(Metric.values())
			.filter(metric -> metric.kind() == kind)
			.map(Metric::key)
			.collect(Collectors.joining(", "));
	}

	private static Comparison comparison(@Nullable String value, List<Violation> violations) {
		if (value == null || value.isBlank()) {
			return Comparison.ABOVE;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "above" -> Comparison.ABOVE;
			case "below" -> Comparison.BELOW;
			default -> {
				violations.add(new Violation("comparison", "Use above or below."));
				yield Comparison.ABOVE;
			}
		};
	}

	private static @Nullable Double threshold(@Nullable Double value, @Nullable Metric metric, Comparison comparison,
			List<Violation> violations) {
		if (value == null) {
			violations.add(new Violation("threshold", "Enter a threshold."));
			return null;
		}
		if (!Double.isFinite(value)) {
			violations.add(new Violation("threshold", "The threshold must be a number."));
			return null;
		}
		String unit = metric == null ? "" : metric.unit();
		String label = metric == null ? "The value" : metric.label();
		double max = unit.equals("%") ? 100 : MAX_VALUE;
		if (value < 0 || value > max) {
			violations.add(new Violation("threshold", "Use a threshold from 0 to " + Units.number(max)
					+ (unit.equals("%") ? " %" : "") + "."));
		}
		else if (comparison == Comparison.ABOVE && value >= max) {
			violations.add(new Violation("threshold", label + " is never above " + Units.number(max)
					+ (unit.equals("%") ? " %" : "") + ", so this rule could never fire."));
		}
		else if (comparison == Comparison.BELOW && value <= 0) {
			violations.add(new Violation("threshold", label + " is never below 0, so this rule could never fire."));
		}
		return value;
	}

	private static @Nullable Duration duration(@Nullable Integer minutes, List<Violation> violations) {
		if (minutes == null) {
			violations.add(new Violation("durationMinutes", "Enter for how many minutes the condition must hold."));
			return null;
		}
		if (minutes < 1 || minutes > MAX_DURATION_MINUTES) {
			violations.add(new Violation("durationMinutes", "Use a duration from 1 to " + MAX_DURATION_MINUTES
					+ " minutes (24 hours: the raw samples a rule reads are kept for a day)."));
			return null;
		}
		return Duration.ofMinutes(minutes);
	}

	private static @Nullable RuleScope scope(@Nullable String value, boolean customer, List<Violation> violations) {
		String allowed = customer ? "instance (one of your servers) or all (all your servers)"
				: "instance, node, region or all";
		if (value == null || value.isBlank()) {
			violations.add(new Violation("scope", "Choose what the rule watches: " + allowed + "."));
			return null;
		}
		RuleScope scope = switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "instance" -> RuleScope.INSTANCE;
			case "node" -> customer ? null : RuleScope.NODE;
			case "region" -> customer ? null : RuleScope.REGION;
			case "all" -> RuleScope.ALL;
			default -> null;
		};
		if (scope == null) {
			violations.add(new Violation("scope", "Use " + allowed + "."));
		}
		return scope;
	}

	private @Nullable String target(RuleInput input, RuleScope scope, @Nullable Metric metric,
			@Nullable OrganisationId customer, List<Violation> violations) {
		switch (scope) {
			case INSTANCE -> {
				if (metric != null && metric.kind() != SubjectKind.INSTANCE) {
					violations.add(new Violation("metric", metric.label() + " is a node metric; watch a node, a "
							+ "region or all nodes with it."));
				}
				UUID id = uuid("instanceId", input.instanceId(), "Choose the server.", violations);
				if (id == null) {
					return null;
				}
				boolean visible = instances.find(new InstanceId(id))
					.filter(instance -> customer == null || instance.ownerId().equals(customer))
					.isPresent();
				if (!visible) {
					if (customer != null) {
						throw NotFoundException.of("server", id);
					}
					violations.add(new Violation("instanceId", "There is no server with this ID."));
				}
				return id.toString();
			}
			case NODE -> {
				UUID id = uuid("nodeId", input.nodeId(), "Choose the node.", violations);
				if (id != null && subjects.find(SubjectKind.NODE, id).isEmpty()) {
					violations.add(new Violation("nodeId", "No samples were collected from a node with this ID."));
				}
				return id == null ? null : id.toString();
			}
			case REGION -> {
				String region = input.region() == null ? "" : input.region().strip();
				if (region.isEmpty()) {
					violations.add(new Violation("region", "Choose the region."));
					return null;
				}
				if (!capacity.regions().contains(region)) {
					violations.add(new Violation("region", "There is no region '" + shorten(region) + "'. Regions: "
							+ String.join(", ", capacity.regions()) + "."));
				}
				return region;
			}
			default -> {
				return null;
			}
		}
	}

	private static @Nullable UUID uuid(String field, @Nullable String value, String whenMissing,
			List<Violation> violations) {
		if (value == null || value.isBlank()) {
			violations.add(new Violation(field, whenMissing));
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			violations.add(new Violation(field, "'" + shorten(value) + "' is not an ID."));
			return null;
		}
	}

	private static String shorten(String value) {
		return value.length() > 40 ? value.substring(0, 40) + "…" : value;
	}
}
