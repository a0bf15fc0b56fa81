package io.skyport.platform.images;

import org.jspecify.annotations.Nullable;

/**
 * An upload that passed every check, re-encoded from its decoded pixels: nothing of the original file (metadata,
 * colour profiles, appended data) survives.
 * <p>
 * The arrays are handed over, not copied: the caller owns them and should not change them.
 *
 * @param display the image to show, fitting {@link ImageKind#displayBox()} on both sides.
 * @param thumbnail the same image fitting {@link ImageKind#thumbnailBox()} on both sides.
 * @param contentType the media type of both files, {@link ImageKind#contentType()}.
 * @param width the width of {@code display} in pixels.
 * @param height the height of {@code display} in pixels.
 * @param thumbnailWidth the width of {@code thumbnail} in pixels.
 * @param thumbnailHeight the height of {@code thumbnail} in pixels.
 * @param brandColours colours derived from a {@link ImageKind#LOGO logo}; {@literal null} for other kinds.
 */
public record ProcessedImage(byte[] display, byte[] thumbnail, String contentType, int width, int height,
		int thumbnailWidth, int thumbnailHeight, @Nullable BrandColours brandColours) {

	/** The usual file name extension for {@link #contentType()}: {@code png} or {@code jpg}. */
	public String fileExtension() {
		return "image/png".equals(contentType) ? "png" : "jpg";
	}
}
