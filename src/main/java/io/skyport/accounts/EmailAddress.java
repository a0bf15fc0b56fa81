package io.skyport.accounts;

import java.util.Locale;
import java.util.regex.Pattern;

import io.skyport.platform.errors.InvalidInputException;

/**
 * An e-mail address as accounts store it: trimmed and lower case, so uniqueness is case-insensitive.
 */
record EmailAddress(String value) {

	private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

	static EmailAddress parse(String field, String text) {
		String normalised = text.strip().toLowerCase(Locale.ROOT);
		if (normalised.isEmpty()) {
			throw InvalidInputException.of(field, "Enter your e-mail address.");
		}
		if (normalised.length() > 254 || !SHAPE.matcher(normalised).matches()) {
			throw InvalidInputException.of(field, "'" + text.strip() + "' is not an e-mail address (like name@example.com).");
		}
		return new EmailAddress(normalised);
	}

	/** Normalises without validating, for look-ups where a malformed address simply finds nothing. */
	static String normalise(String text) {
		return text.strip().toLowerCase(Locale.ROOT);
	}
}
