package io.skyport.platform.text;

import org.jspecify.annotations.Nullable;

/**
 * Text Skyport can store and hash: no NUL character (PostgreSQL's {@code text} cannot hold one) and no lone UTF-16
 * surrogate (not Unicode, so it has no UTF-8 form). Checked where text enters — JSON bodies and request parameters —
 * so that no service, repository or password encoder ever sees such a string.
 */
public final class StorableText {

	private StorableText() {
	}

	/** Why the text cannot be stored, as the end of a sentence ("contains a NUL character"), or {@literal null}. */
	public static @Nullable String defect(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\0') {
				return "contains a NUL character (\\u0000), which text cannot hold";
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "contains a lone UTF-16 surrogate (\\u" + Integer.toHexString(c) + "), which is not valid Unicode";
			}
		}
		return null;
	}
}
