package io.skyport.platform.images;

/**
 * What an uploaded image is for, which decides its smallest accepted size, the output format and the sizes of the
 * re-encoded files.
 * <p>
 * Minimum sizes do not depend on orientation: the longer side must reach {@link #minLongSide()} and the shorter
 * side {@link #minShortSide()}, so a 200 × 320 portrait screenshot is as acceptable as a 320 × 200 one.
 */
public enum ImageKind {

	/** A vendor's product logo or a reseller's storefront logo: PNG with transparency, at most 512 × 512. */
	LOGO("logo", 64, 64, 512, 128, "image/png"),

	/** A screenshot of a product: JPEG on a white background, at most 1920 × 1920. */
	SCREENSHOT("screenshot", 320, 200, 1920, 480, "image/jpeg");

	private final String noun;
	private final int minLongSide;
	private final int minShortSide;
	private final int displayBox;
	private final int thumbnailBox;
	private final String contentType;

	ImageKind(String noun, int minLongSide, int minShortSide, int displayBox, int thumbnailBox, String contentType) {
		this.noun = noun;
		this.minLongSide = minLongSide;
		this.minShortSide = minShortSide;
		this.displayBox = displayBox;
		this.thumbnailBox = thumbnailBox;
		this.contentType = contentType;
	}

	/** The smallest accepted length of the longer side, in pixels. */
	public int minLongSide() {
		return minLongSide;
	}

	/** The smallest accepted length of the shorter side, in pixels. */
	public int minShortSide() {
		return minShortSide;
	}

	/** The display image fits in a square of this side; smaller uploads keep their size (never upscaled). */
	public int displayBox() {
		return displayBox;
	}

	/** The thumbnail fits in a square of this side, never larger than the display image. */
	public int thumbnailBox() {
		return thumbnailBox;
	}

	/** The media type of the re-encoded files: {@code image/png} or {@code image/jpeg}. */
	public String contentType() {
		return contentType;
	}

	/** Whether the output keeps transparency (PNG); otherwise it is flattened onto white (JPEG). */
	boolean keepsTransparency() {
		return this == LOGO;
	}

	/** How a message names the image: "logo", "screenshot". */
	String noun() {
		return noun;
	}
}
