package io.skyport.platform.errors;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.errors.InvalidInputException.Violation;

/**
 * The rule for a free-text input: surrounding whitespace is dropped, and the rest must be at most
 * {@code maxLength} characters — and present, where required.
 *
 * @param field the form or JSON field.
 * @param whenMissing the message for a required text left empty, e.g. "Enter your name.".
 * @param what how the too-long message names the text, e.g. "your name" → "Keep your name under 200 characters.".
 */
public record TextRule(String field, int maxLength, String whenMissing, String what) {

	/** @throws InvalidInputException if the text is missing or too long. */
	public String require(@Nullable String value) {
		String text = strip(value);
		if (text.isEmpty()) {
			throw InvalidInputException.of(field, whenMissing);
		}
		return checkLength(text);
	}

	/** Collects the violation instead of throwing, for forms that report every problem at once. */
	public String require(@Nullable String value, List<Violation> violations) {
		String text = strip(value);
		if (text.isEmpty()) {
			violations.add(new Violation(field, whenMissing));
		}
		else if (text.length() > maxLength) {
			violations.add(tooLong());
		}
		return text;
	}

	/** @return {@literal null} for a missing text; collects a violation if it is too long. */
	public @Nullable String optional(@Nullable String value, List<Violation> violations) {
		String text = strip(value);
		if (text.length() > maxLength) {
			violations.add(tooLong());
		}
		return text.isEmpty() ? null : text;
	}

	private String checkLength(String text) {
		if (text.length() > maxLength) {
			throw new InvalidInputException(List.of(tooLong()));
		}
		return text;
	}

	private Violation tooLong() {
		return new Violation(field, "Keep " + what + " under " + maxLength + " characters.");
	}

	private static String strip(@Nullable String value) {
		return value == null ? "" : value.strip();
	}
}
