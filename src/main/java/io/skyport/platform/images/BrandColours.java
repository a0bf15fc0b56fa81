package io.skyport.platform.images;

/**
 * A background colour taken from a logo and the text colour to write on it, with a WCAG contrast ratio of at least
 * 4.5:1 between them.
 *
 * @param background a CSS hex colour such as {@code #1d4ed8}.
 * @param text {@code #ffffff} or {@code #111827}, whichever contrasts better with the logo's colour.
 */
public record BrandColours(String background, String text) {

	/** For a logo without any opaque pixel: light grey with near-black text. */
	public static final BrandColours NEUTRAL = new BrandColours("#f3f4f6", "#111827");

	/**
	 * The readable pair for a colour someone chose (e.g. a reseller's theme): the better text colour, and the colour
	 * made just light or dark enough for 4.5:1.
	 *
	 * @param hex {@code #rrggbb}.
	 */
	public static BrandColours forColour(String hex) {
		if (!isHexColour(hex)) {
			throw new IllegalArgumentException("Not a #rrggbb colour: " + hex);
		}
		return BrandColourPicker.withText(Integer.parseInt(hex.substring(1), 16));
	}

	/** True for a CSS colour written {@code #rrggbb} (any case): safe to put in a style attribute. */
	public static boolean isHexColour(String text) {
		return text.length() == 7 && text.matches("#[0-9a-fA-F]{6}");
	}
}
