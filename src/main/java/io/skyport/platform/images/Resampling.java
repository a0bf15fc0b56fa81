package io.skyport.platform.images;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Good-quality downscaling with Java 2D: the image is halved with bilinear filtering (at exactly half size that
 * averages each 2 × 2 block, a box filter) while it is at least twice the target, and the last step is bicubic. One
 * bilinear or bicubic step over a large ratio would skip most source pixels and alias like nearest neighbour.
 * Java 2D interpolates in premultiplied alpha, so transparent pixels do not bleed dark fringes into the edges.
 */
final class Resampling {

	private Resampling() {
	}

	/**
	 * @return {@code source} scaled to fit a {@code box} × {@code box} square (never enlarged), as
	 *         {@link BufferedImage#TYPE_INT_ARGB}, or as {@link BufferedImage#TYPE_INT_RGB} composited onto white
	 *         when {@code keepAlpha} is false. Always a new image, whatever type the source had.
	 */
	static BufferedImage fit(BufferedImage source, int box, boolean keepAlpha) {
		double scale = Math.min(1.0, Math.min((double) box / source.getWidth(), (double) box / source.getHeight()));
		int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
		int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
		BufferedImage current = source;
		do {
			int nextWidth = Math.max(width, current.getWidth() / 2);
			int nextHeight = Math.max(height, current.getHeight() / 2);
			boolean last = nextWidth == width && nextHeight == height;
			current = draw(current, nextWidth, nextHeight, keepAlpha, last ? RenderingHints.VALUE_INTERPOLATION_BICUBIC
					: RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		}
		while (current.getWidth() != width || current.getHeight() != height);
		return current;
	}

	private static BufferedImage draw(BufferedImage source, int width, int height, boolean keepAlpha, Object interpolation) {
		BufferedImage target = new BufferedImage(width, height,
				keepAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = target.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.setRenderingHint(RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
			graphics.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
			if (keepAlpha) {
				graphics.setComposite(AlphaComposite.Src);
			}
			else {
				graphics.setColor(Color.WHITE);
				graphics.fillRect(0, 0, width, height);
			}
			graphics.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return target;
	}
}
