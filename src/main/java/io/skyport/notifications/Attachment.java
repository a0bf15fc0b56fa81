package io.skyport.notifications;

import java.util.regex.Pattern;

/**
 * A file attached to an e-mail, e.g. an invoice PDF.
 *
 * @param filename shown to the recipient; no path separators or line breaks.
 * @param contentType a MIME type such as {@code application/pdf}.
 */
public record Attachment(String filename, String contentType, byte[] content) {

	private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*");

	public Attachment {
		if (filename.isBlank() || filename.length() > 200 || filename.chars().anyMatch(c -> c == '/' || c == '\\' || c < 32)) {
			throw new IllegalArgumentException("Not a file name for an attachment: " + filename);
		}
		if (!CONTENT_TYPE.matcher(contentType).matches()) {
			throw new IllegalArgumentException("Not a MIME type: " + contentType);
		}
	}

	public static Attachment pdf(String filename, byte[] content) {
		return new Attachment(filename, "application/pdf", content);
	}
}
