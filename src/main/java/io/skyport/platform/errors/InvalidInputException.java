package io.skyport.platform.errors;

import java.util.List;

/**
 * Input that breaks one or more rules; each {@link Violation} names the field and says what is wrong in words a
 * person understands.
 */
public class InvalidInputException extends RuntimeException {

	private final List<Violation> violations;

	public InvalidInputException(List<Violation> violations) {
		super(summary(violations));
		if (violations.isEmpty()) {
			throw new IllegalArgumentException("An invalid input needs at least one violation");
		}
		this.violations = List.copyOf(violations);
	}

	public static InvalidInputException of(String field, String message) {
		return new InvalidInputException(List.of(new Violation(field, message)));
	}

	public List<Violation> violations() {
		return violations;
	}

	private static String summary(List<Violation> violations) {
		return violations.size() == 1 ? violations.getFirst().message()
				: violations.size() + " problems: " + String.join(" ", violations.stream().map(Violation::message).toList());
	}

	/**
	 * One broken rule.
	 *
	 * @param field the request field (JSON property or form field) it concerns.
	 * @param message what is wrong and, where possible, how to fix it.
	 */
	public record Violation(String field, String message) {
	}
}
