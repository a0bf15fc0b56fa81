package io.skyport.notifications;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;

/**
 * One notice to every member of an organisation.
 *
 * @param idempotencyKey names the notice for its whole life, e.g. {@code deployment-ready:<deploymentId>}: a second
 * request with the same key posts nothing. 1 to 200 characters; IDs only, never secrets.
 * @param organisationId whose members see it (operators too see only their own organisation's notices).
 * @param title one line of 1 to {@value #MAX_TITLE} characters.
 * @param body plain text of at most {@value #MAX_BODY} characters (may be empty); shown escaped, line breaks kept.
 * @param link a path in the control panel the notice points to, e.g. {@code /panel/instances/<id>}, or
 * {@literal null}.
 * @throws IllegalArgumentException if a value breaks these rules.
 */
public record NoticeRequest(String idempotencyKey, OrganisationId organisationId, String title, String body,
		@Nullable String link) {

	public static final int MAX_TITLE = 200;
	public static final int MAX_BODY = 4000;
	public static final int MAX_LINK = 500;

	/** {@code /panel} or below, with an optional query: no scheme, no host, no {@code //}, no {@code ..}. */
	private static final Pattern PANEL_PATH = Pattern
		.compile("/panel(/[A-Za-z0-9._~%!$&'()*+,;=:@-]+)*/?(\\?[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*)?");

	public NoticeRequest {
		if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
			throw new IllegalArgumentException("The idempotency key must have 1 to 200 characters");
		}
		if (title.isBlank() || title.length() > MAX_TITLE || title.chars().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("The title must be one line of 1 to " + MAX_TITLE + " characters");
		}
		if (body.length() > MAX_BODY
				|| body.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
			throw new IllegalArgumentException("The body must be plain text of at most " + MAX_BODY + " characters");
		}
		if (link != null && (link.length() > MAX_LINK || !PANEL_PATH.matcher(link).matches() || link.contains("/../")
				|| link.endsWith("/.."))) {
			throw new IllegalArgumentException("The link must be a path in the control panel (/panel/…): " + link);
		}
		title = title.strip();
	}
}
