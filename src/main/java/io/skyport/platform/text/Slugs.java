package io.skyport.platform.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Slugs: the lower-case, hyphen-separated names in addresses such as {@code /products/postgres-pro}.
 */
public final class Slugs {

	private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private Slugs() {
	}

	/** Lower-case letters and digits in groups joined by single hyphens, of a length within the bounds. */
	public static boolean isValid(String slug, int minLength, int maxLength) {
		return slug.length() >= minLength && slug.length() <= maxLength && SLUG.matcher(slug).matches();
	}

	/** The slug of a name: accents dropped, everything else but letters and digits turned into single hyphens. */
	public static String of(String name, int maxLength) {
		String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
		return slug.length() > maxLength ? slug.substring(0, maxLength).replaceAll("-+$", "") : slug;
	}
}
