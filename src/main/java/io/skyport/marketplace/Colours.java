package io.skyport.marketplace;

import java.util.regex.Pattern;

/** WCAG colour arithmetic for themes chosen by resellers. */
final class Colours {

	static final Pattern HEX = Pattern.compile("#[0-9a-f]{6}");
	static final String LIGHT_TEXT = "#ffffff";
	static final String DARK_TEXT = "#111827";

	private Colours() {
	}

	/** White or near-black, whichever contrasts more with the background. */
	static String readableTextOn(String background) {
		double luminance = luminance(background);
		double withWhite = (1.05) / (luminance + 0.05);
		double withDark = (luminance + 0.05) / (luminance(DARK_TEXT) + 0.05);
		return withWhite >= withDark ? LIGHT_TEXT : DARK_TEXT;
	}

	/** WCAG 2 relative luminance of {@code #rrggbb}. */
	static double luminance(String hex) {
		int rgb = Integer.parseInt(hex.substring(1), 16);
		return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
	}

	private static double channel(int value) {
		double c = (value & 0xff) / 255.0;
		return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}
}
