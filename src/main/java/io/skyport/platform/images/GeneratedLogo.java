package io.skyport.platform.images;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Draws a simple logo (initials on a rounded square) as PNG bytes, for demo data.
 */
public final class GeneratedLogo {

	private GeneratedLogo() {
	}

	/** @param rgb the square's colour, e.g. {@code 0x336791}. */
	public static byte[] png(String initials, int rgb) {
		int size = 256;
		BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(new Color(rgb));
		g.fillRoundRect(16, 16, size - 32, size - 32, 56, 56);
		g.setColor(Color.WHITE);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, initials.length() > 2 ? 72 : 104));
		FontMetrics metrics = g.getFontMetrics();
		g.drawString(initials, (size - metrics.stringWidth(initials)) / 2, (size - metrics.getHeight()) / 2 + metrics.getAscent());
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}
}
