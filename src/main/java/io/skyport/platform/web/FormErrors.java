package io.skyport.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

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

	/** Values the form binder could not convert (e.g. letters in a number field), one message per field. */
	public static FormErrors of(BindingResult binding) {
		return new FormErrors(binding.getFieldErrors().stream()
			.collect(Collectors.groupingBy(FieldError::getField, LinkedHashMap::new, Collectors.mapping(
					error -> "'" + error.getRejectedValue() + "' is not " + expected(binding, error.getField()) + ".",
					Collectors.toList()))));
	}

	private static String expected(BindingResult binding, String field) {
		Class<?> type = binding.getFieldType(field);
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "a whole number";
		}
		if (type == java.math.BigDecimal.class || type == Double.class || type == double.class) {
			return "a number";
		}
		return "a valid value";
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
