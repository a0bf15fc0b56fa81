package io.skyport.platform.web;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.errors.InvalidInputException;

/** Whole-number query parameters (page, size, limits), read as text so that every bad value gets the same answer. */
public final class QueryNumbers {

	private QueryNumbers() {
	}

	/**
	 * The parameter's value within [{@code min}, {@code max}], or {@code fallback} when it is absent or blank.
	 *
	 * @throws InvalidInputException naming the field, for anything else.
	 */
	public static int wholeNumber(String field, @Nullable String value, int fallback, int min, int max) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value.strip());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw InvalidInputException.of(field, field + " is a whole number from " + min + " to " + max + ".");
	}
}
