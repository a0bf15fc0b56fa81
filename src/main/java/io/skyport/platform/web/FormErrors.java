package io.skyport.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.skyport.platform.errors.InvalidInputException;

/**
 * Messages of a rejected form, by field, for templates: {@code ${errors.has('email')}},
 * {@code ${errors.of('email')}}, and {@code ${errors.all}} for a summary at the top of the form.
 */
public final class FormErrors {

	private static final FormErrors NONE = new FormErrors(Map.of());

	private final Map<String, List<String>> byField;

	private FormErrors(Map<String, List<String>> byField) {
		this.byField = byField;
	}

	public static FormErrors none() {
		return NONE;
	}

	public static FormErrors of(InvalidInputException ex) {
		return new FormErrors(ex.violations().stream()
			.collect(Collectors.groupingBy(InvalidInputException.Violation::field, LinkedHashMap::new,
					Collectors.mapping(InvalidInputException.Violation::message, Collectors.toList()))));
	}

	public static FormErrors of(String field, String message) {
		return new FormErrors(Map.of(field, List.of(message)));
	}

	public boolean has(String field) {
		return byField.containsKey(field);
	}

	public List<String> of(String field) {
		return byField.getOrDefault(field, List.of());
	}

	public boolean isEmpty() {
		return byField.isEmpty();
	}

	public List<String> getAll() {
		return byField.values().stream().flatMap(List::stream).toList();
	}
}
