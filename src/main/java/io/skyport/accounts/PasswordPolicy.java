package io.skyport.accounts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.skyport.platform.errors.InvalidInputException.Violation;

/**
 * The rules a new password must follow (NIST SP 800-63B style: length over composition, no known-bad passwords).
 * Every broken rule yields its own message.
 */
@Component
class PasswordPolicy {

	static final int MIN_LENGTH = 12;
	static final int MAX_LENGTH = 128;

	private final Set<String> commonPasswords;

	PasswordPolicy() {
		try (InputStream in = PasswordPolicy.class.getResourceAsStream("/accounts/common-passwords.txt")) {
			if (in == null) {
				throw new IllegalStateException("accounts/common-passwords.txt is missing from the classpath");
			}
			this.commonPasswords = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.map(line -> line.toLowerCase(Locale.ROOT))
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param field the form or JSON field the password came in.
	 * @param email the account's e-mail address, which the password must not repeat.
	 * @return the broken rules; empty if the password is acceptable.
	 */
	List<Violation> check(String field, String password, String email) {
		List<Violation> violations = new ArrayList<>();
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			violations.add(new Violation(field, "Use at least " + MIN_LENGTH + " characters (this one has " + length + ")."));
		}
		if (length > MAX_LENGTH) {
			violations.add(new Violation(field, "Use at most " + MAX_LENGTH + " characters."));
		}
		if (!password.isEmpty() && password.isBlank()) {
			violations.add(new Violation(field, "A password cannot be only spaces."));
		}
		String lower = password.toLowerCase(Locale.ROOT);
		String normalisedEmail = EmailAddress.normalise(email);
		String localPart = normalisedEmail.contains("@") ? normalisedEmail.substring(0, normalisedEmail.indexOf('@')) : "";
		if (!normalisedEmail.isEmpty() && (lower.equals(normalisedEmail) || (localPart.length() >= 4 && lower.equals(localPart)))) {
			violations.add(new Violation(field, "Don't use your e-mail address as your password."));
		}
		if (length >= MIN_LENGTH && password.codePoints().distinct().count() == 1) {
			violations.add(new Violation(field, "Don't repeat one character; choose a password that is hard to guess."));
		}
		else if (commonPasswords.contains(lower) || isSequence(lower)) {
			violations.add(new Violation(field, "This password is on the list of commonly used passwords; choose one that is hard to guess."));
		}
		return violations;
	}

	private static boolean isSequence(String password) {
		if (password.length() < MIN_LENGTH) {
			return false;
		}
		boolean ascending = true;
		boolean descending = true;
		for (int i = 1; i < password.length(); i++) {
			int step = password.charAt(i) - password.charAt(i - 1);
			ascending &= step == 1 || (password.charAt(i - 1) == '9' && password.charAt(i) == '0');
			descending &= step == -1 || (password.charAt(i - 1) == '0' && password.charAt(i) == '9');
		}
		return ascending || descending;
	}
}
