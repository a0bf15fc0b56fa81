package io.skyport.accounts;

import java.util.Locale;

import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.text.EmailAddresses;

/**
 * An e-mail address as accounts store it: trimmed and lower case, so uniqueness is case-insensitive.
 */
record EmailAddress(String value) {

	static EmailAddress parse(String field, String text) {
		String normalised = text.strip().toLowerCase(Locale.ROOT);
		if (normalised.isEmpty()) {
			throw InvalidInputException.of(field, "Enter your e-mail address.");
		}
		if (!EmailAddresses.isWellFormed(normalised)) {
			throw InvalidInputException.of(field, "'" + text.strip() + "' is not an e-mail address (like name@example.com).");
		}
		return new EmailAddress(normalised);
	}

	/** Normalises without validating, for look-ups where a malformed address simply finds nothing. */
	static String normalise(String text) {
		return text.strip().toLowerCase(Locale.ROOT);
	}
}
