package io.skyport.compute.consolelogs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;

/**
 * Which lines of a console log to read.
 *
 * @param since lines captured at or after this time, or from the start.
 * @param until lines captured before this time, or up to now.
 * @param after lines starting at or after this byte of Skyport's copy (the {@code next} of an earlier read: a live
 *        tail), or from the start.
 * @param limit at most this many lines: the first ones when {@code since} or {@code after} is given, else the last
 *        ones (the tail).
 */
public record ConsoleLogQuery(@Nullable Instant since, @Nullable Instant until, @Nullable Long after, int limit) {

	public static final int DEFAULT_LIMIT = 1000;

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	public static final int MAX_LIMIT = 10_000;

	/** The last {@value #DEFAULT_LIMIT} lines. */
	public static final ConsoleLogQuery TAIL = new ConsoleLogQuery(null, null, null, DEFAULT_LIMIT);

	/** Whether the first lines of the selection are wanted rather than its last ones. */
	boolean fromStart() {
		return since != null || after != null;
	}

	/**
	 * Parses the parameters as a person or a script types them: times in ISO 8601 with an offset
	 * ({@code 2026-12-07T20:15:00Z}); blank means not given.
	 *
	 * @throws InvalidInputException naming each parameter that is wrong: an unreadable time, {@code until} not after
	 *         {@code since}, a negative {@code after}, a {@code limit} outside 1 to {@value #MAX_LIMIT}.
	 */
	public static ConsoleLogQuery parse(@Nullable String since, @Nullable String until, @Nullable String after,
			@Nullable String limit) {
		List<Violation> violations = new ArrayList<>();
		Instant from = time("since", since, violations);
		Instant to = time("until", until, violations);
		if (from != null && to != null && to.isBefore(from)) {
			violations.add(new Violation("until", "'until' must not be earlier than 'since'."));
		}
		Long position = null;
		if (after != null && !after.isBlank()) {
			try {
				position = Long.parseLong(after.strip());
				if (position < 0) {
					violations.add(new Violation("after", "'after' is a byte position: 0 or more."));
				}
			}
			catch (NumberFormatException ex) {
				violations.add(new Violation("after", "'after' must be a whole number (the 'next' of an earlier read)."));
			}
		}
		int lines = DEFAULT_LIMIT;
		if (limit != null && !limit.isBlank()) {
			try {
				lines = Integer.parseInt(limit.strip());
			}
			catch (NumberFormatException ex) {
				lines = -1;
			}
			if (lines < 1 || lines > MAX_LIMIT) {
				violations.add(new Violation("limit", "'limit' must be a number of lines from 1 to " + MAX_LIMIT + "."));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new ConsoleLogQuery(from, to, position, lines);
	}

	private static @Nullable Instant time(String name, @Nullable String value, List<Violation> violations) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			Instant parsed = OffsetDateTime.parse(value.strip()).toInstant();
			if (parsed.isBefore(Instant.EPOCH) || parsed.isAfter(LATEST)) {
				violations.add(new Violation(name, "'" + name + "' must be between 1970 and 9999."));
				return null;
			}
			return parsed;
		}
		catch (DateTimeParseException ex) {
			violations.add(new Violation(name, "'" + name + "' must be a time like 2026-12-07T20:15:00Z (ISO 8601 with "
					+ "an offset)."));
			return null;
		}
	}
}
