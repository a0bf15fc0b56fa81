package io.skyport.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;

/**
 * Which entries to show: every condition given must hold. Built from request parameters with {@link #parse}.
 *
 * @param from entries at or after this instant.
 * @param to entries before this instant.
 * @param actor part of the actor's e-mail address (lower case).
 * @param organisationId the actor's organisation or the one the entry concerns.
 * @param action an action code ({@code node.deleted}) or a prefix of whole segments ({@code node}, {@code auth.signin}).
 */
record AuditFilter(@Nullable Instant from, @Nullable Instant to, @Nullable String actor, @Nullable UUID organisationId,
		@Nullable String action, AuditEntry.@Nullable Outcome outcome, @Nullable String targetType,
		@Nullable String targetId) {

	static final AuditFilter NONE = new AuditFilter(null, null, null, null, null, null, null, null);

	private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");
	private static final Pattern TARGET_TYPE = Pattern.compile("[a-z][a-z-]{0,31}");

	/** The filter's fields as they arrive in a query string or form, before they are checked. */
	record Params(@Nullable String from, @Nullable String to, @Nullable String actor, @Nullable String organisation,
			@Nullable String action, @Nullable String outcome, @Nullable String targetType,
			@Nullable String targetId) {

		static final Params EMPTY = new Params(null, null, null, null, null, null, null, null);
	}

	/**
	 * @throws InvalidInputException naming every parameter that is not understood.
	 */
	static AuditFilter parse(Params params) {
		List<Violation> violations = new ArrayList<>();
		Instant from = instant("from", params.from(), false, violations);
		Instant to = instant("to", params.to(), true, violations);
		if (from != null && to != null && !from.isBefore(to)) {
			violations.add(new Violation("to", "The end of the time range must be after its start."));
		}
		String actor = text(params.actor());
		if (actor != null && actor.length() > 254) {
			violations.add(new Violation("actor", "An e-mail address has at most 254 characters."));
		}
		UUID organisation = null;
		String organisationText = text(params.organisation());
		if (organisationText != null) {
			try {
				organisation = UUID.fromString(organisationText);
			}
			catch (IllegalArgumentException ex) {
				violations.add(new Violation("organisation", "Give the organisation's ID (a UUID), not '"
						+ clip(organisationText) + "'."));
			}
		}
		String action = text(params.action());
		if (action != null) {
			action = action.toLowerCase(Locale.ROOT);
			if (action.endsWith(".*")) {
				action = action.substring(0, action.length() - 2);
			}
			if (action.length() > 64 || !ACTION.matcher(action).matches()) {
				violations.add(new Violation("action", "An action is a code such as token.created or a prefix such as "
						+ "auth; '" + clip(params.action()) + "' is none."));
			}
		}
		AuditEntry.Outcome outcome = null;
		String outcomeText = text(params.outcome());
		if (outcomeText != null) {
			try {
				outcome = AuditEntry.Outcome.valueOf(outcomeText.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				violations.add(new Violation("outcome", "Choose SUCCESS or FAILURE ('" + clip(outcomeText)
						+ "' is neither)."));
			}
		}
		String targetType = text(params.targetType());
		if (targetType != null) {
			targetType = targetType.toLowerCase(Locale.ROOT);
			if (!TARGET_TYPE.matcher(targetType).matches()) {
				violations.add(new Violation("targetType", "A target type is a word such as node, image or api-token; '"
						+ clip(params.targetType()) + "' is none."));
			}
		}
		String targetId = text(params.targetId());
		if (targetId != null && targetId.length() > 64) {
			violations.add(new Violation("targetId", "A target ID has at most 64 characters."));
		}
		for (var field : List.of(java.util.Map.entry("actor", actor == null ? "" : actor),
				java.util.Map.entry("targetId", targetId == null ? "" : targetId))) {
			if (field.getValue().chars().anyMatch(c -> c < 0x20 || c == 0x7f || Character.isSurrogate((char) c))) {
				violations.add(new Violation(field.getKey(), "Control characters cannot occur in " + field.getKey() + "."));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new AuditFilter(from, to, actor == null ? null : actor.toLowerCase(Locale.ROOT), organisation, action,
				outcome, targetType, targetId);
	}

	/**
	 * An instant ({@code 2026-12-07T10:15:00Z}), a local date-time taken as UTC ({@code 2026-12-07T10:15}, what a
	 * browser's date-time field sends) or a date ({@code 2026-12-07}: its start, or for {@code to} the end of it).
	 */
	private static @Nullable Instant instant(String field, @Nullable String value, boolean endOfDay,
			List<Violation> violations) {
		String text = text(value);
		if (text == null) {
			return null;
		}
		try {
			if (text.length() == 10) {
				LocalDate date = LocalDate.parse(text);
				return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
				return java.time.OffsetDateTime.parse(text).toInstant();
			}
			return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			violations.add(new Violation(field, "Give a date (2026-12-07) or a time (2026-12-07T10:15:00Z), not '"
					+ clip(text) + "'."));
			return null;
		}
	}

	private static @Nullable String text(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static String clip(@Nullable String value) {
		String text = value == null ? "" : value.strip();
		return text.length() <= 40 ? text : text.substring(0, 40) + "…";
	}

	boolean isEmpty() {
		return equals(NONE);
	}
}
