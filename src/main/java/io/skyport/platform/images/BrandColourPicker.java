package io.skyport.platform.images;

import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Derives {@link BrandColours} from a logo.
 * <p>
 * The background starts as the logo's dominant colour: the most common colour among its opaque pixels (alpha at least
 * 128), after grouping colours that differ by less than 16 levels per channel, and averaged within that group. The
 * dominant colour is a colour the logo really shows, where the average of a multi-coloured logo is a muddy mix that
 * appears nowhere in it; transparent pixels are left out so they do not darken the result. The text is white or
 * near-black, whichever contrasts better with that colour; the background's lightness (HSL, hue and saturation kept)
 * is then moved away from the text colour until the contrast reaches 4.5:1 (WCAG AA for normal text).
 */
final class BrandColourPicker {

	static final String WHITE = "#ffffff";
	static final String NEAR_BLACK = "#111827";
	static final double MINIMUM_CONTRAST = 4.5;

	private static final int OPAQUE = 128;
	private static final double LIGHTNESS_STEP = 0.005;

	private BrandColourPicker() {
	}

	static BrandColours pick(BufferedImage logo) {
		int[] counts = new int[4096];
		long[] sums = new long[4096 * 3];
		int[] row = new int[logo.getWidth()];
		for (int y = 0; y < logo.getHeight(); y++) {
			logo.getRGB(0, y, row.length, 1, row, 0, row.length);
			for (int argb : row) {
				if (argb >>> 24 >= OPAQUE) {
					int r = argb >> 16 & 0xFF, g = argb >> 8 & 0xFF, b = argb & 0xFF;
					int group = (r >> 4) << 8 | (g >> 4) << 4 | b >> 4;
					counts[group]++;
					sums[group * 3] += r;
					sums[group * 3 + 1] += g;
					sums[group * 3 + 2] += b;
				}
			}
		}
		int dominant = 0;
		for (int group = 1; group < counts.length; group++) {
			if (counts[group] > counts[dominant]) {
				dominant = group;
			}
		}
		int n = counts[dominant];
		if (n == 0) {
			return BrandColours.NEUTRAL;
		}
		int rgb = average(sums[dominant * 3], n) << 16 | average(sums[dominant * 3 + 1], n) << 8
				| average(sums[dominant * 3 + 2], n);
		return withText(rgb);
	}

	/** The text colour that contrasts better with {@code rgb}, and {@code rgb} made light or dark enough for it. */
	static BrandColours withText(int rgb) {
		boolean whiteText = contrast(rgb, 0xFFFFFF) >= contrast(rgb, 0x111827);
		int text = whiteText ? 0xFFFFFF : 0x111827;
		float[] hsl = hsl(rgb);
		double lightness = hsl[2];
		int background = rgb;
		while (contrast(background, text) < MINIMUM_CONTRAST) {
			lightness = whiteText ? Math.max(0, lightness - LIGHTNESS_STEP) : Math.min(1, lightness + LIGHTNESS_STEP);
			background = fromHsl(hsl[0], hsl[1], lightness);
		}
		return new BrandColours(hex(background), whiteText ? WHITE : NEAR_BLACK);
	}

	/** The WCAG 2 contrast ratio of two sRGB colours, from 1 to 21. */
	static double contrast(int rgb1, int rgb2) {
		double l1 = luminance(rgb1), l2 = luminance(rgb2);
		return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
	}

	private static double luminance(int rgb) {
		return 0.2126 * linear(rgb >> 16 & 0xFF) + 0.7152 * linear(rgb >> 8 & 0xFF) + 0.0722 * linear(rgb & 0xFF);
	}

	private static double linear(int channel) {
		double c = channel / 255.0;
		return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}

	/** Hue in degrees [0, 360), saturation and lightness in [0, 1]. */
	private static float[] hsl(int rgb) {
		float r = (rgb >> 16 & 0xFF) / 255f, g = (rgb >> 8 & 0xFF) / 255f, b = (rgb & 0xFF) / 255f;
		float max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b));
		float lightness = (max + min) / 2;
		float chroma = max - min;
		if (chroma == 0) {
			return new float[] { 0, 0, lightness };
		}
		float saturation = chroma / (1 - Math.abs(2 * lightness - 1));
		float hue;
		if (max == r) {
			hue = 60 * (((g - b) / chroma) % 6);
		}
		else if (max == g) {
			hue = 60 * ((b - r) / chroma + 2);
		}
		else {
			hue = 60 * ((r - g) / chroma + 4);
		}
		return new float[] { hue < 0 ? hue + 360 : hue, Math.min(1, saturation), lightness };
	}

	private static int fromHsl(float hue, float saturation, double lightness) {
		double a = saturation * Math.min(lightness, 1 - lightness);
		return channel(hslChannel(0, hue, a, lightness)) << 16 | channel(hslChannel(8, hue, a, lightness)) << 8
				| channel(hslChannel(4, hue, a, lightness));
	}

	private static double hslChannel(int n, float hue, double a, double lightness) {
		double k = (n + hue / 30) % 12;
		return lightness - a * Math.max(-1, Math.min(Math.min(k - 3, 9 - k), 1));
	}

	private static int channel(double value) {
		return (int) Math.round(Math.clamp(value, 0, 1) * 255);
	}

	private static int average(long sum, int count) {
		return (int) Math.round((double) sum / count);
	}

	private static String hex(int rgb) {
		return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
	}
}
