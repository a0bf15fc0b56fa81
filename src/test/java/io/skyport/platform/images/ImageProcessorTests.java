package io.skyport.platform.images;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

import io.skyport.platform.errors.InvalidInputException;

/**
 * PNG and JPEG inputs are drawn here with Java 2D and written with Image I/O. The WebP fixtures and the CMYK JPEG in
 * {@code src/test/resources/images} were made with {@code cwebp} and ImageMagick; their README says how.
 */
class ImageProcessorTests {

	private static final String ACCEPTED = "must be a PNG, JPEG or WebP image.";
	private static final String DAMAGED = "The image could not be read; it may be damaged.";
	private static final int RED_600 = 0xdc2626;
	private static final int BLUE_700 = 0x1d4ed8;

	private final ImageProcessor processor = new ImageProcessor();

	// Accepted uploads

	@Test
	void an_upload_that_finds_every_decode_slot_taken_is_refused_as_busy_instead_of_queuing_forever() {
		ImageProcessor busy = new ImageProcessor(1, java.time.Duration.ofMillis(50));
		BufferedImage logo = new BufferedImage(128, 128, BufferedImage.TYPE_INT_ARGB);
		fill(logo, new Color(RED_600), 0, 0, 128, 128);
		busy.decodeSlots.acquireUninterruptibly();

		assertThatThrownBy(() -> busy.process(png(logo), ImageKind.LOGO))
			.isInstanceOf(io.skyport.platform.errors.BusyException.class)
			.hasMessageContaining("try the upload again");

		busy.decodeSlots.release();
		assertThat(busy.process(png(logo), ImageKind.LOGO).width()).isEqualTo(128);
	}

	@Test
	void a_png_logo_becomes_a_transparent_png_fitting_512_with_a_thumbnail_fitting_128() {
		BufferedImage logo = new BufferedImage(1024, 512, BufferedImage.TYPE_INT_ARGB);
		fill(logo, new Color(RED_600), 0, 0, 512, 512);

		ProcessedImage processed = processor.process(png(logo), ImageKind.LOGO);

		assertThat(processed.contentType()).isEqualTo("image/png");
		assertThat(processed.fileExtension()).isEqualTo("png");
		assertThat(processed.width()).isEqualTo(512);
		assertThat(processed.height()).isEqualTo(256);
		assertThat(processed.thumbnailWidth()).isEqualTo(128);
		assertThat(processed.thumbnailHeight()).isEqualTo(64);
		BufferedImage display = decode(processed.display());
		assertThat(display.getWidth()).isEqualTo(512);
		assertThat(display.getHeight()).isEqualTo(256);
		assertThat(display.getColorModel().hasAlpha()).isTrue();
		assertThat(display.getRGB(100, 100)).isEqualTo(0xFF000000 | RED_600);
		assertThat(display.getRGB(400, 100) >>> 24).as("alpha of the transparent half").isZero();
		BufferedImage thumbnail = decode(processed.thumbnail());
		assertThat(thumbnail.getWidth()).isEqualTo(128);
		assertThat(thumbnail.getHeight()).isEqualTo(64);
		assertThat(thumbnail.getRGB(20, 20)).isEqualTo(0xFF000000 | RED_600);
		assertThat(thumbnail.getRGB(100, 20) >>> 24).isZero();
	}

	@Test
	void a_small_logo_is_never_enlarged() {
		ProcessedImage processed = processor.process(png(solid(100, 80, BufferedImage.TYPE_INT_ARGB, Color.BLUE)), ImageKind.LOGO);

		assertThat(List.of(processed.width(), processed.height(), processed.thumbnailWidth(), processed.thumbnailHeight()))
			.containsExactly(100, 80, 100, 80);
		assertThat(decode(processed.display()).getWidth()).isEqualTo(100);
	}

	@Test
	void a_jpeg_screenshot_becomes_a_jpeg_fitting_1920_with_a_thumbnail_fitting_480() {
		BufferedImage screenshot = solid(3000, 2000, BufferedImage.TYPE_INT_RGB, Color.WHITE);
		fill(screenshot, new Color(BLUE_700), 0, 0, 3000, 300);

		ProcessedImage processed = processor.process(jpeg(screenshot, false), ImageKind.SCREENSHOT);

		assertThat(processed.contentType()).isEqualTo("image/jpeg");
		assertThat(processed.fileExtension()).isEqualTo("jpg");
		assertThat(Arrays.copyOf(processed.display(), 3)).containsExactly(0xFF, 0xD8, 0xFF);
		assertThat(List.of(processed.width(), processed.height(), processed.thumbnailWidth(), processed.thumbnailHeight()))
			.containsExactly(1920, 1280, 480, 320);
		BufferedImage display = decode(processed.display());
		assertThat(display.getWidth()).isEqualTo(1920);
		assertThat(display.getHeight()).isEqualTo(1280);
		assertThat(display.getColorModel().hasAlpha()).isFalse();
		assertColour(display.getRGB(100, 50), BLUE_700, 8);
		assertColour(display.getRGB(1000, 1000), 0xFFFFFF, 8);
		BufferedImage thumbnail = decode(processed.thumbnail());
		assertThat(thumbnail.getWidth()).isEqualTo(480);
		assertThat(thumbnail.getHeight()).isEqualTo(320);
		assertColour(thumbnail.getRGB(240, 20), BLUE_700, 8);
		assertThat(processed.brandColours()).isNull();
	}

	@Test
	void a_progressive_jpeg_is_accepted() {
		ProcessedImage processed = processor.process(jpeg(noise(640, 480, 7), true), ImageKind.SCREENSHOT);

		assertThat(processed.width()).isEqualTo(640);
		assertThat(decode(processed.display()).getHeight()).isEqualTo(480);
	}

	@Test
	void a_screenshot_with_transparency_is_flattened_onto_white() {
		BufferedImage screenshot = new BufferedImage(400, 300, BufferedImage.TYPE_INT_ARGB);
		fill(screenshot, new Color(BLUE_700), 100, 100, 100, 100);

		BufferedImage display = decode(processor.process(png(screenshot), ImageKind.SCREENSHOT).display());

		assertColour(display.getRGB(10, 10), 0xFFFFFF, 4);
		assertColour(display.getRGB(150, 150), BLUE_700, 8);
	}

	/**
	 * The expected colour is the one painted: a browser shows a grey sample as it is, whereas {@code getRGB} on a
	 * decoded greyscale image treats it as linear light (128 becomes #bcbcbc).
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("pixelLayouts")
	void accepts_pngs_of_every_pixel_layout_and_keeps_their_colours_when_scaling(String layout, int imageType, Color colour) {
		ProcessedImage logo = processor.process(png(solid(600, 600, imageType, colour)), ImageKind.LOGO);
		ProcessedImage screenshot = processor.process(png(solid(2000, 400, imageType, colour)), ImageKind.SCREENSHOT);

		BufferedImage logoDisplay = decode(logo.display());
		assertThat(logoDisplay.getWidth()).isEqualTo(512);
		assertColour(logoDisplay.getRGB(256, 256), colour.getRGB() & 0xFFFFFF, 2);
		assertThat(logoDisplay.getRGB(256, 256) >>> 24).isEqualTo(255);
		BufferedImage screenshotDisplay = decode(screenshot.display());
		assertThat(screenshotDisplay.getWidth()).isEqualTo(1920);
		assertColour(screenshotDisplay.getRGB(960, 192), colour.getRGB() & 0xFFFFFF, 6);
	}

	static Stream<Arguments> pixelLayouts() {
		Color blue = new Color(0x33, 0x99, 0xFF);
		Color grey = new Color(0x80, 0x80, 0x80);
		return Stream.of(Arguments.of("8-bit RGBA", BufferedImage.TYPE_INT_ARGB, blue),
				Arguments.of("8-bit RGB", BufferedImage.TYPE_INT_RGB, blue),
				Arguments.of("8-bit BGR", BufferedImage.TYPE_3BYTE_BGR, blue),
				Arguments.of("palette", BufferedImage.TYPE_BYTE_INDEXED, blue),
				Arguments.of("8-bit grey", BufferedImage.TYPE_BYTE_GRAY, grey),
				Arguments.of("16-bit grey", BufferedImage.TYPE_USHORT_GRAY, grey));
	}

	@Test
	void a_lossless_webp_logo_keeps_its_colours_and_transparency() {
		ProcessedImage processed = processor.process(fixture("logo-lossless-alpha.webp"), ImageKind.LOGO);

		assertThat(processed.contentType()).isEqualTo("image/png");
		assertThat(List.of(processed.width(), processed.height(), processed.thumbnailWidth(), processed.thumbnailHeight()))
			.containsExactly(256, 128, 128, 64);
		BufferedImage display = decode(processed.display());
		assertThat(display.getRGB(64, 64)).isEqualTo(0xFF000000 | RED_600);
		assertThat(display.getRGB(192, 64) >>> 24).isZero();
		assertThat(processed.brandColours()).isEqualTo(new BrandColours("#dc2626", "#ffffff"));
	}

	@Test
	void a_lossy_webp_logo_with_an_alpha_channel_keeps_its_transparency() {
		ProcessedImage processed = processor.process(fixture("logo-lossy-alpha.webp"), ImageKind.LOGO);

		BufferedImage display = decode(processed.display());
		assertThat(List.of(display.getWidth(), display.getHeight())).containsExactly(128, 128);
		assertThat(display.getRGB(64, 64) >>> 24).isEqualTo(255);
		assertColour(display.getRGB(64, 64), 0x16a34a, 12);
		assertThat(display.getRGB(2, 2) >>> 24).isZero();
	}

	@Test
	void a_lossy_webp_screenshot_becomes_a_jpeg() {
		ProcessedImage processed = processor.process(fixture("screenshot-lossy.webp"), ImageKind.SCREENSHOT);

		assertThat(processed.contentType()).isEqualTo("image/jpeg");
		assertThat(List.of(processed.width(), processed.height(), processed.thumbnailWidth(), processed.thumbnailHeight()))
			.containsExactly(800, 500, 480, 300);
		BufferedImage display = decode(processed.display());
		assertColour(display.getRGB(400, 40), BLUE_700, 12);
		assertColour(display.getRGB(20, 300), 0xFFFFFF, 8);
		assertColour(display.getRGB(150, 300), 0xd1d5db, 8);
	}

	@Test
	void a_cmyk_jpeg_is_converted_to_rgb() {
		BufferedImage display = decode(processor.process(fixture("screenshot-cmyk.jpg"), ImageKind.SCREENSHOT).display());

		assertThat(List.of(display.getWidth(), display.getHeight())).containsExactly(640, 400);
		assertColour(display.getRGB(160, 200), RED_600, 16);
		assertColour(display.getRGB(480, 200), BLUE_700, 16);
	}

	@Test
	void the_webp_reader_is_registered_even_when_the_service_loader_missed_it() {
		IIORegistry registry = IIORegistry.getDefaultInstance();
		WebPImageReaderSpi registered = registry.getServiceProviderByClass(WebPImageReaderSpi.class);
		try {
			registry.deregisterServiceProvider(registered, ImageReaderSpi.class);
			assertThat(ImageIO.getImageReadersByFormatName("webp").hasNext()).isFalse();

			new ImageProcessor();

			assertThat(ImageIO.getImageReadersByFormatName("webp").hasNext()).isTrue();
			assertThat(processor.process(fixture("logo-lossless-alpha.webp"), ImageKind.LOGO).width()).isEqualTo(256);
		}
		finally {
			if (registry.getServiceProviderByClass(WebPImageReaderSpi.class) == null) {
				registry.registerServiceProvider(registered, ImageReaderSpi.class);
			}
		}
	}

	@Test
	void downscaling_averages_fine_detail_instead_of_picking_pixels() {
		BufferedImage stripes = new BufferedImage(2048, 2048, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < 2048; x += 2) {
			fill(stripes, Color.WHITE, x, 0, 1, 2048);
		}

		BufferedImage display = decode(processor.process(png(stripes), ImageKind.LOGO).display());

		assertThat(display.getWidth()).isEqualTo(512);
		for (int x = 0; x < 512; x += 7) {
			for (int y = 0; y < 512; y += 13) {
				assertThat(display.getRGB(x, y) & 0xFF).as("blue at %d,%d (nearest neighbour gives 0 or 255)", x, y)
					.isBetween(112, 144);
			}
		}
	}

	@Test
	void the_edges_of_a_downscaled_logo_keep_their_colour_without_dark_fringes() {
		BufferedImage logo = new BufferedImage(1024, 1024, BufferedImage.TYPE_INT_ARGB);
		Graphics2D graphics = logo.createGraphics();
		graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		graphics.setColor(new Color(RED_600));
		graphics.fillOval(100, 100, 824, 824);
		graphics.dispose();

		BufferedImage display = decode(processor.process(png(logo), ImageKind.LOGO).display());

		int edgePixels = 0;
		for (int y = 0; y < display.getHeight(); y++) {
			for (int x = 0; x < display.getWidth(); x++) {
				int argb = display.getRGB(x, y);
				int alpha = argb >>> 24;
				if (alpha >= 32) {
					assertColour(argb, RED_600, 24);
				}
				if (alpha > 0 && alpha < 255) {
					edgePixels++;
				}
			}
		}
		assertThat(edgePixels).as("semi-transparent edge pixels").isGreaterThan(100);
	}

	@Test
	void can_process_images_on_several_threads_at_once() throws Exception {
		List<byte[]> uploads = new ArrayList<>();
		for (int seed = 0; seed < 8; seed++) {
			uploads.add(png(noise(600 + seed * 10, 400, seed)));
		}
		List<byte[]> sequential = uploads.stream().map(upload -> processor.process(upload, ImageKind.SCREENSHOT).display()).toList();

		try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
			List<Future<byte[]>> parallel = uploads.stream()
				.map(upload -> pool.submit(() -> processor.process(upload, ImageKind.SCREENSHOT).display()))
				.toList();
			for (int i = 0; i < uploads.size(); i++) {
				assertThat(parallel.get(i).get()).isEqualTo(sequential.get(i));
			}
		}
	}

	// Nothing of the original file survives

	@Test
	void a_png_logo_loses_its_text_chunks_and_anything_appended_after_its_end() {
		byte[] original = png(solid(128, 128, BufferedImage.TYPE_INT_ARGB, Color.GREEN));
		byte[] textChunk = chunk("tEXt", "Comment\0secret-metadata-marker".getBytes(ISO_8859_1));
		byte[] appended = "PK\u0003\u0004hidden-payload-marker".getBytes(ISO_8859_1);
		byte[] upload = concat(Arrays.copyOf(original, 33), textChunk, Arrays.copyOfRange(original, 33, original.length), appended);
		assertThat(contains(upload, "secret-metadata-marker")).isTrue();

		ProcessedImage processed = processor.process(upload, ImageKind.LOGO);

		for (byte[] output : List.of(processed.display(), processed.thumbnail())) {
			assertThat(contains(output, "secret-metadata-marker")).isFalse();
			assertThat(contains(output, "hidden-payload-marker")).isFalse();
			assertThat(chunkTypes(output)).containsExactly("IHDR", "IDAT", "IEND");
		}
	}

	@Test
	void a_jpeg_screenshot_loses_its_comment_and_anything_appended_after_its_end() {
		byte[] original = jpeg(noise(400, 300, 3), false);
		byte[] comment = "secret-comment-marker".getBytes(ISO_8859_1);
		byte[] segment = ByteBuffer.allocate(4 + comment.length).put((byte) 0xFF).put((byte) 0xFE)
			.putShort((short) (comment.length + 2)).put(comment).array();
		byte[] upload = concat(Arrays.copyOf(original, 2), segment, Arrays.copyOfRange(original, 2, original.length),
				"<script>hidden-payload-marker</script>".getBytes(ISO_8859_1));

		ProcessedImage processed = processor.process(upload, ImageKind.SCREENSHOT);

		assertThat(decode(processed.display()).getWidth()).isEqualTo(400);
		for (byte[] output : List.of(processed.display(), processed.thumbnail())) {
			assertThat(contains(output, "secret-comment-marker")).isFalse();
			assertThat(contains(output, "hidden-payload-marker")).isFalse();
		}
	}

	// Refused by content

	@Test
	void refuses_an_empty_file() {
		assertRefused(new byte[0], ImageKind.LOGO).isEqualTo("The file is empty. Choose a PNG, JPEG or WebP image.");
	}

	@Test
	void refuses_a_file_over_5_mib_and_says_its_size_and_the_limit() {
		byte[] upload = Arrays.copyOf(png(solid(128, 128, BufferedImage.TYPE_INT_RGB, Color.RED)), 5 * 1024 * 1024 + 1);

		assertRefused(upload, ImageKind.LOGO).isEqualTo("The file is 5.1 MB; images may be at most 5 MB.");
	}

	@Test
	void a_file_of_exactly_5_mib_passes_the_size_check() {
		byte[] upload = Arrays.copyOf(png(noise(1000, 800, 11)), 5 * 1024 * 1024);

		assertThat(processor.process(upload, ImageKind.SCREENSHOT).width()).isEqualTo(1000);
	}

	@Test
	void refuses_a_zip_archive_even_when_it_was_called_logo_png() throws IOException {
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		try (ZipOutputStream out = new ZipOutputStream(zip)) {
			out.putNextEntry(new ZipEntry("logo.png"));
			out.write(png(solid(128, 128, BufferedImage.TYPE_INT_RGB, Color.RED)));
			out.closeEntry();
		}

		assertRefused(zip.toByteArray(), ImageKind.LOGO)
			.isEqualTo("This file is a ZIP archive, not an image. It must be a PNG, JPEG or WebP image.");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("otherFiles")
	void refuses_other_kinds_of_file_and_names_them(String what, byte[] upload, String expectedMessage) {
		assertRefused(upload, ImageKind.LOGO).isEqualTo(expectedMessage).contains(ACCEPTED);
	}

	static Stream<Arguments> otherFiles() throws IOException {
		ByteArrayOutputStream gif = new ByteArrayOutputStream();
		ImageIO.write(solid(128, 128, BufferedImage.TYPE_INT_RGB, Color.RED), "gif", gif);
		return Stream.of(
				Arguments.of("GIF", gif.toByteArray(), "This file is a GIF image. It must be a PNG, JPEG or WebP image."),
				Arguments.of("SVG", utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"128\" height=\"128\"/>"),
						"This file is an SVG drawing. It must be a PNG, JPEG or WebP image."),
				Arguments.of("SVG with XML declaration",
						utf8("\uFEFF<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
						"This file is an SVG drawing. It must be a PNG, JPEG or WebP image."),
				Arguments.of("HTML", utf8("  <!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
						"This file is an HTML page, not an image. It must be a PNG, JPEG or WebP image."),
				Arguments.of("PDF", utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj"),
						"This file is a PDF document, not an image. It must be a PNG, JPEG or WebP image."),
				Arguments.of("RIFF audio", concat(utf8("RIFF"), new byte[4], utf8("WAVEfmt ")),
						"The file must be a PNG, JPEG or WebP image."),
				Arguments.of("plain text", utf8("just some text, not an image"), "The file must be a PNG, JPEG or WebP image."));
	}

	// Refused by dimensions, before decoding

	@Test
	void refuses_a_decompression_bomb_from_its_header_without_decoding_it() {
		byte[] bomb = pngWithHeader(50_000, 50_000, deflate(64, row -> new byte[1]));

		InvalidInputException refused = refusedQuicklyWithoutAllocating(bomb);

		assertThat(bomb.length).isLessThan(200);
		assertThat(refused.violations().getFirst().message())
			.isEqualTo("The image is 50,000 × 50,000 pixels; neither side may be longer than 12,000 pixels.");
	}

	@Test
	void refuses_a_real_64_megapixel_png_of_64_kb_from_its_header_without_decoding_it() {
		byte[] bomb = pngWithHeader(8_000, 8_000, deflate(8_000, row -> new byte[8_001]));

		InvalidInputException refused = refusedQuicklyWithoutAllocating(bomb);

		assertThat(bomb.length).isLessThan(100_000);
		assertThat(refused.violations().getFirst().message())
			.isEqualTo("The image is 8,000 × 8,000 pixels (64.0 megapixels); images may have at most 40 megapixels.");
	}

	@Test
	void refuses_a_logo_smaller_than_64_pixels_on_a_side() {
		assertRefused(png(solid(63, 200, BufferedImage.TYPE_INT_ARGB, Color.RED)), ImageKind.LOGO)
			.isEqualTo("The logo is 63 × 200 pixels; a logo must be at least 64 × 64 pixels.");
		assertThat(processor.process(png(solid(64, 64, BufferedImage.TYPE_INT_ARGB, Color.RED)), ImageKind.LOGO).width())
			.isEqualTo(64);
	}

	@ParameterizedTest(name = "{0} × {1}")
	@MethodSource("tooSmallScreenshots")
	void refuses_a_screenshot_smaller_than_320_by_200_in_either_orientation(int width, int height) {
		assertRefused(png(solid(width, height, BufferedImage.TYPE_INT_RGB, Color.RED)), ImageKind.SCREENSHOT)
			.isEqualTo("The screenshot is " + width + " × " + height
					+ " pixels; a screenshot must be at least 320 × 200 pixels (or 200 × 320 upright).");
	}

	static Stream<Arguments> tooSmallScreenshots() {
		return Stream.of(Arguments.of(319, 200), Arguments.of(320, 199), Arguments.of(199, 320), Arguments.of(1000, 150));
	}

	@Test
	void accepts_the_smallest_screenshot_in_both_orientations() {
		assertThat(processor.process(png(solid(320, 200, BufferedImage.TYPE_INT_RGB, Color.RED)), ImageKind.SCREENSHOT).width())
			.isEqualTo(320);
		assertThat(processor.process(png(solid(200, 320, BufferedImage.TYPE_INT_RGB, Color.RED)), ImageKind.SCREENSHOT).height())
			.isEqualTo(320);
	}

	// Refused while decoding

	@ParameterizedTest(name = "{0}")
	@MethodSource("truncatedFiles")
	void refuses_a_truncated_file_as_damaged(String what, byte[] upload, ImageKind kind) {
		assertRefused(upload, kind).isEqualTo(DAMAGED);
	}

	static Stream<Arguments> truncatedFiles() {
		byte[] png = png(noise(400, 300, 1));
		byte[] jpeg = jpeg(noise(400, 300, 2), false);
		byte[] progressiveJpeg = jpeg(noise(400, 300, 3), true);
		byte[] lossyWebp = fixture("screenshot-lossy.webp");
		byte[] losslessWebp = fixture("logo-lossless-alpha.webp");
		return Stream.of(Arguments.of("PNG cut in the image data", twoThirds(png), ImageKind.SCREENSHOT),
				Arguments.of("PNG cut in its header", Arrays.copyOf(png, 20), ImageKind.SCREENSHOT),
				Arguments.of("JPEG", twoThirds(jpeg), ImageKind.SCREENSHOT),
				Arguments.of("progressive JPEG", twoThirds(progressiveJpeg), ImageKind.SCREENSHOT),
				Arguments.of("lossy WebP", twoThirds(lossyWebp), ImageKind.SCREENSHOT),
				Arguments.of("lossless WebP", twoThirds(losslessWebp), ImageKind.LOGO));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "png", "jpeg", "webp" })
	void refuses_garbage_behind_a_valid_signature_as_damaged(String format) {
		byte[] signature = switch (format) {
			case "png" -> new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
			case "jpeg" -> new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
			default -> concat(utf8("RIFF"), new byte[] { (byte) 0xA4, 0x0F, 0, 0 }, utf8("WEBP"));
		};
		byte[] garbage = new byte[4_000];
		new Random(42).nextBytes(garbage);

		assertRefused(concat(signature, garbage), ImageKind.LOGO).isEqualTo(DAMAGED);
	}

	// Brand colours

	@Test
	void a_solid_red_logo_gets_a_red_background_with_at_least_4_5_to_1_contrast() {
		BrandColours colours = brandColoursOf(solid(200, 200, BufferedImage.TYPE_INT_RGB, new Color(0xFF0000)));

		assertThat(contrast(0xFF0000, 0x111827)).as("pure red contrasts better with dark text").isGreaterThan(contrast(0xFF0000, 0xFFFFFF));
		assertThat(colours.text()).isEqualTo("#111827");
		assertThat(hue(colours.background())).isCloseTo(0, within(1.0));
		assertThat(contrast(rgb(colours.background()), rgb(colours.text()))).isGreaterThanOrEqualTo(4.5).isLessThan(4.8);
		assertThat(colours.background()).isNotEqualTo("#ff0000").isNotEqualTo("#ffffff");
	}

	@Test
	void a_red_square_on_a_transparent_background_gives_red_not_a_mix_with_the_transparent_pixels() {
		BufferedImage logo = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);
		fill(logo, new Color(RED_600), 100, 100, 100, 100);

		BrandColours colours = brandColoursOf(logo);

		assertThat(contrast(RED_600, 0xFFFFFF)).isGreaterThanOrEqualTo(4.5);
		assertThat(colours).isEqualTo(new BrandColours("#dc2626", "#ffffff"));
	}

	@Test
	void a_near_white_logo_gets_dark_text() {
		BrandColours colours = brandColoursOf(solid(128, 128, BufferedImage.TYPE_INT_RGB, new Color(0xf8fafc)));

		assertThat(colours).isEqualTo(new BrandColours("#f8fafc", "#111827"));
		assertThat(contrast(0xf8fafc, 0x111827)).isGreaterThan(16);
	}

	@Test
	void a_mid_tone_logo_is_darkened_just_enough_for_white_text() {
		int violet = 0x8b5cf6;
		BrandColours colours = brandColoursOf(solid(128, 128, BufferedImage.TYPE_INT_RGB, new Color(violet)));

		assertThat(contrast(violet, 0xFFFFFF)).isGreaterThan(contrast(violet, 0x111827)).isLessThan(4.5);
		assertThat(colours.text()).isEqualTo("#ffffff");
		assertThat(contrast(rgb(colours.background()), 0xFFFFFF)).isGreaterThanOrEqualTo(4.5).isLessThan(4.8);
		assertThat(hue(colours.background())).isCloseTo(hue("#8b5cf6"), within(3.0));
	}

	@Test
	void the_dominant_colour_of_a_two_colour_logo_wins() {
		BufferedImage logo = solid(200, 200, BufferedImage.TYPE_INT_RGB, new Color(BLUE_700));
		fill(logo, new Color(0xfacc15), 0, 0, 200, 70);

		assertThat(brandColoursOf(logo)).isEqualTo(new BrandColours("#1d4ed8", "#ffffff"));
	}

	@Test
	void a_logo_without_opaque_pixels_gets_neutral_colours() {
		BufferedImage logo = new BufferedImage(128, 128, BufferedImage.TYPE_INT_ARGB);
		fill(logo, new Color(255, 0, 0, 100), 0, 0, 128, 128);

		assertThat(brandColoursOf(logo)).isEqualTo(BrandColours.NEUTRAL);
		assertThat(contrast(rgb(BrandColours.NEUTRAL.background()), rgb(BrandColours.NEUTRAL.text()))).isGreaterThanOrEqualTo(4.5);
	}

	// Helpers

	private AbstractStringAssert<?> assertRefused(byte[] upload, ImageKind kind) {
		InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> processor.process(upload, kind));
		assertThat(refused).as("refused").isNotNull();
		assertThat(refused.violations()).hasSize(1);
		assertThat(refused.violations().getFirst().field()).isEqualTo("file");
		return assertThat(refused.violations().getFirst().message());
	}

	private InvalidInputException refusedQuicklyWithoutAllocating(byte[] bomb) {
		com.sun.management.ThreadMXBean threads = ManagementFactory.getPlatformMXBean(com.sun.management.ThreadMXBean.class);
		long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
		InvalidInputException refused = assertTimeout(Duration.ofSeconds(1),
				() -> catchThrowableOfType(InvalidInputException.class, () -> processor.process(bomb, ImageKind.SCREENSHOT)));
		long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
		assertThat(refused).isNotNull();
		assertThat(refused.violations().getFirst().field()).isEqualTo("file");
		assertThat(allocated).as("bytes allocated while refusing").isLessThan(16L * 1024 * 1024);
		return refused;
	}

	private BrandColours brandColoursOf(BufferedImage logo) {
		BrandColours colours = processor.process(png(logo), ImageKind.LOGO).brandColours();
		assertThat(colours).isNotNull();
		assertThat(colours.background()).matches("#[0-9a-f]{6}");
		assertThat(colours.text()).isIn("#ffffff", "#111827");
		return colours;
	}

	/** WCAG 2 contrast ratio, computed here independently of the code under test. */
	private static double contrast(int rgb1, int rgb2) {
		double l1 = relativeLuminance(rgb1), l2 = relativeLuminance(rgb2);
		return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
	}

	private static double relativeLuminance(int rgb) {
		double[] channels = new double[3];
		for (int i = 0; i < 3; i++) {
			double c = (rgb >> (16 - 8 * i) & 0xFF) / 255.0;
			channels[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
		}
		return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
	}

	private static int rgb(String hex) {
		return Integer.parseInt(hex.substring(1), 16);
	}

	private static double hue(String hex) {
		int rgb = rgb(hex);
		return Color.RGBtoHSB(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF, null)[0] * 360.0;
	}

	private static void assertColour(int actual, int expected, int tolerance) {
		for (int shift : new int[] { 16, 8, 0 }) {
			assertThat(actual >> shift & 0xFF).as("channel of #%06x, expected #%06x", actual & 0xFFFFFF, expected)
				.isCloseTo(expected >> shift & 0xFF, within(tolerance));
		}
	}

	private static BufferedImage solid(int width, int height, int type, Color colour) {
		BufferedImage image = new BufferedImage(width, height, type);
		fill(image, colour, 0, 0, width, height);
		return image;
	}

	private static void fill(BufferedImage image, Color colour, int x, int y, int width, int height) {
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(colour);
		graphics.fillRect(x, y, width, height);
		graphics.dispose();
	}

	/** Random pixels: they compress badly, so a cut file loses real image data. */
	private static BufferedImage noise(int width, int height, long seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(seed);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		return image;
	}

	private static byte[] png(BufferedImage image) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			assertThat(ImageIO.write(image, "png", out)).isTrue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] jpeg(BufferedImage image, boolean progressive) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam param = writer.getDefaultWriteParam();
			if (progressive) {
				param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
			}
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	private static BufferedImage decode(byte[] data) {
		try {
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(data));
			assertThat(image).as("decodes again").isNotNull();
			return image;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] fixture(String name) {
		try (InputStream in = ImageProcessorTests.class.getResourceAsStream("/images/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No test fixture images/" + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An 8-bit greyscale PNG whose header claims the given size, with the given compressed image data. */
	private static byte[] pngWithHeader(int width, int height, byte[] imageData) {
		byte[] header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0)
			.put((byte) 0).put((byte) 0).array();
		return concat(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }, chunk("IHDR", header),
				chunk("IDAT", imageData), chunk("IEND", new byte[0]));
	}

	/** Deflates rows made one at a time, so a huge image never exists in memory. */
	private static byte[] deflate(int rows, IntFunction<byte[]> row) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
			for (int y = 0; y < rows; y++) {
				deflater.write(row.apply(y));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] chunk(String type, byte[] data) {
		CRC32 crc = new CRC32();
		crc.update(type.getBytes(ISO_8859_1));
		crc.update(data);
		return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(ISO_8859_1)).put(data)
			.putInt((int) crc.getValue()).array();
	}

	private static List<String> chunkTypes(byte[] png) {
		List<String> types = new ArrayList<>();
		ByteBuffer buffer = ByteBuffer.wrap(png, 8, png.length - 8);
		while (buffer.remaining() >= 12) {
			int length = buffer.getInt();
			byte[] type = new byte[4];
			buffer.get(type);
			types.add(new String(type, ISO_8859_1));
			buffer.position(buffer.position() + length + 4);
		}
		return types.stream().distinct().toList();
	}

	private static boolean contains(byte[] data, String marker) {
		return new String(data, ISO_8859_1).contains(marker);
	}

	private static byte[] twoThirds(byte[] data) {
		return Arrays.copyOf(data, data.length * 2 / 3);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}
}
