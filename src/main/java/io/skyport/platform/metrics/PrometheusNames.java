package io.skyport.platform.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Names as Prometheus wants them ({@code promtool check metrics}): camelCase parts of a name or a tag key become
 * snake_case ({@code spring.security.filterchains.BearerTokenFilter} would otherwise be exposed in camelCase), and the
 * one gauge Micrometer names with a {@code _count} suffix, {@code system.cpu.count}, becomes
 * {@code system.cpu.processors} (a gauge ending in {@code _count} reads as a histogram's or summary's count).
 */
final class PrometheusNames implements MeterFilter {

	static final String CPU_COUNT = "system.cpu.count";
	static final String CPU_COUNT_RENAMED = "system.cpu.processors";

	private static final Pattern LOWER_THEN_UPPER = Pattern.compile("([a-z0-9])([A-Z])");
	private static final Pattern ACRONYM_THEN_WORD = Pattern.compile("([A-Z]+)([A-Z][a-z])");

	@Override
	public Meter.Id map(Meter.Id id) {
		String name = id.getName();
		Meter.Id mapped = name.equals(CPU_COUNT) ? id.withName(CPU_COUNT_RENAMED) : id;
		String snake = snakeCase(name);
		if (!snake.equals(name)) {
			mapped = mapped.withName(snake);
		}
		boolean camelTags = false;
		for (Tag tag : id.getTagsAsIterable()) {
			camelTags |= !snakeCase(tag.getKey()).equals(tag.getKey());
		}
		if (camelTags) {
			List<Tag> tags = new ArrayList<>();
			id.getTagsAsIterable().forEach(tag -> tags.add(Tag.of(snakeCase(tag.getKey()), tag.getValue())));
			mapped = mapped.replaceTags(tags);
		}
		return mapped;
	}

	static String snakeCase(String name) {
		if (name.chars().noneMatch(Character::isUpperCase)) {
			return name;
		}
		String split = ACRONYM_THEN_WORD.matcher(LOWER_THEN_UPPER.matcher(name).replaceAll("$1_$2")).replaceAll("$1_$2");
		return split.toLowerCase(Locale.ROOT);
	}
}
