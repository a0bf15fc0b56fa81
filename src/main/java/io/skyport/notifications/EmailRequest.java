package io.skyport.notifications;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.skyport.platform.text.EmailAddresses;

/**
 * One e-mail to one recipient.
 *
 * @param idempotencyKey names the message for its whole life, e.g. {@code invoice:<invoiceId>}: a second request with
 * the same key is not sent again. At most 200 characters; IDs only, never secrets (it is stored and logged).
 * @param to the recipient's address.
 * @param subject one line.
 * @param template the name of the templates {@code templates/email/<template>.html} and {@code .txt}, e.g.
 * {@code welcome} (lower-case letters, digits, dashes and slashes).
 * @param model the templates' variables; {@code subject} and {@code baseUrl} (see {@code skyport.mail.base-url}) are
 * added.
 * @param attachments files attached after the text and HTML parts, in this order.
 */
public record EmailRequest(String idempotencyKey, String to, String subject, String template, Map<String, Object> model,
		List<Attachment> attachments) {

	private static final Pattern TEMPLATE = Pattern.compile("[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*");

	public EmailRequest {
		if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
			throw new IllegalArgumentException("The idempotency key must have 1 to 200 characters");
		}
		if (!EmailAddresses.isWellFormed(to)) {
			throw new IllegalArgumentException("Not an e-mail address: " + to);
		}
		if (subject.isBlank() || subject.length() > 300 || subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
			throw new IllegalArgumentException("The subject must be one line of 1 to 300 characters");
		}
		if (!TEMPLATE.matcher(template).matches()) {
			throw new IllegalArgumentException("Not a template name: " + template);
		}
		model = Map.copyOf(model);
		attachments = List.copyOf(attachments);
	}

	/** A message without attachments. */
	public static EmailRequest of(String idempotencyKey, String to, String subject, String template,
			Map<String, Object> model) {
		return new EmailRequest(idempotencyKey, to, subject, template, model, List.of());
	}
}
