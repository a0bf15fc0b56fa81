package io.skyport.platform.images;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

import io.skyport.platform.errors.BusyException;
import io.skyport.platform.errors.InvalidInputException;

/**
 * Checks an uploaded image as hostile input and re-encodes it; storing the result is the caller's job.
 * <p>
 * In order, and stopping at the first broken rule with an {@link InvalidInputException} for the field {@code file}:
 * <ol>
 * <li>the upload is not empty and at most {@link #MAX_BYTES} (5 MiB);</li>
 * <li>its first bytes are those of a PNG, JPEG or WebP file — names and declared content types are never consulted,
 * and a recognisable other kind of file (ZIP, GIF, SVG, HTML, PDF…) is named in the message;</li>
 * <li>the dimensions, read from the header alone before any pixel is decoded, are at most {@link #MAX_SIDE} on each
 * side and {@link #MAX_PIXELS} in total (a small file can claim a huge image: a decompression bomb), and at least the
 * kind's minimum;</li>
 * <li>the whole image decodes without error; a file cut short or corrupted is refused, never half-shown.</li>
 * </ol>
 * The decoded pixels are then written anew, so metadata (EXIF, location, colour profiles, comments) and anything
 * hidden inside or after the image data are gone: a {@link ImageKind#LOGO} as PNG with transparency, a
 * {@link ImageKind#SCREENSHOT} as JPEG (quality 0.85) flattened onto white, each in a display size and a thumbnail
 * that never exceed the original size. Logos also get {@link BrandColours}.
 * <p>
 * EXIF orientation is not applied: pixels are kept as stored. Decoding an image at the limit holds its pixels in
 * memory (40 megapixels are about 160 MB as 8-bit RGBA).
 * <p>
 * Thread-safe: every call uses its own readers, writers and in-memory streams. The only global Image I/O change is
 * registering the TwelveMonkeys WebP and JPEG readers if the service loader missed them (as it can when Image I/O was
 * first used under another class loader than the one of a Spring Boot executable jar).
 */
@Component
public class ImageProcessor {

	/** The largest accepted upload: 5 MiB. */
	public static final int MAX_BYTES = 5 * 1024 * 1024;

	/** The longest accepted side of an upload, in pixels. */
	public static final int MAX_SIDE = 12_000;

	/** The most pixels an upload may have: 40 megapixels. */
	public static final long MAX_PIXELS = 40_000_000;

	private static final Logger log = LoggerFactory.getLogger(ImageProcessor.class);

	private static final String FIELD = "file";
	private static final String DAMAGED = "The image could not be read; it may be damaged.";
	private static final float JPEG_QUALITY = 0.85f;

	final Semaphore decodeSlots;
	private final Duration decodeWait;

	public ImageProcessor() {
		this(Math.max(1, Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(20));
	}

	ImageProcessor(int decodeSlots, Duration decodeWait) {
		this.decodeSlots = new Semaphore(decodeSlots);
		this.decodeWait = decodeWait;
		registerIfMissing(new WebPImageReaderSpi());
		registerIfMissing(new JPEGImageReaderSpi());
	}

	/**
	 * @param upload the uploaded bytes, exactly as received.
	 * @param kind what the image is for; decides the minimum size, output format and sizes.
	 * @return the re-encoded display image and thumbnail.
	 * @throws InvalidInputException with field {@code file} and a message for a person, for every refused upload.
	 */
	public ProcessedImage process(byte[] upload, ImageKind kind) {
		checkSize(upload);
		InputFormat format = InputFormat.detect(upload);
		if (format == InputFormat.WEBP && InputFormat.isTruncatedWebP(upload)) {
			throw damaged();
		}
		acquireDecodeSlot();
		try {
			return processDecoded(decode(upload, format, kind), kind);
		}
		finally {
			decodeSlots.release();
		}
	}

	/**
	 * A decoded image may hold up to 40 megapixels (160 MB and more), so only a few are decoded at once; an upload
	 * that cannot get a slot in time is refused as busy rather than risking the heap.
	 */
	private void acquireDecodeSlot() {
		try {
			if (!decodeSlots.tryAcquire(decodeWait.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new BusyException("Many images are being processed right now; try the upload again in a minute.",
						Duration.ofSeconds(30));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BusyException("The upload was interrupted; try again.", Duration.ofSeconds(5));
		}
	}

	private ProcessedImage processDecoded(BufferedImage decoded, ImageKind kind) {
		BufferedImage display = Resampling.fit(decoded, kind.displayBox(), kind.keepsTransparency());
		BufferedImage thumbnail = Resampling.fit(display, kind.thumbnailBox(), kind.keepsTransparency());
		return new ProcessedImage(encode(display, kind), encode(thumbnail, kind), kind.contentType(), display.getWidth(),
				display.getHeight(), thumbnail.getWidth(), thumbnail.getHeight(),
				kind == ImageKind.LOGO ? BrandColourPicker.pick(display) : null);
	}

	private static void checkSize(byte[] upload) {
		if (upload.length == 0) {
			throw InvalidInputException.of(FIELD, "The file is empty. Choose a PNG, JPEG or WebP image.");
		}
		if (upload.length > MAX_BYTES) {
			double megabytes = Math.ceil(upload.length * 10.0 / (1024 * 1024)) / 10;
			throw InvalidInputException.of(FIELD, String.format(Locale.ROOT,
					"The file is %.1f MB; images may be at most %d MB.", megabytes, MAX_BYTES / (1024 * 1024)));
		}
	}

	private static BufferedImage decode(byte[] upload, InputFormat format, ImageKind kind) {
		try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
			ImageReader reader = readerFor(input, format);
			try {
				reader.setInput(input, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				checkDimensions(width, height, kind);
				List<String> damage = new ArrayList<>();
				reader.addIIOReadWarningListener((source, warning) -> {
					if (isDamage(warning)) {
						damage.add(warning);
					}
				});
				BufferedImage image = reader.read(0, reader.getDefaultReadParam());
				if (!damage.isEmpty() || image.getWidth() != width || image.getHeight() != height) {
					log.debug("Refused a damaged {} upload: {}", format, damage);
					throw damaged();
				}
				return image;
			}
			finally {
				reader.dispose();
			}
		}
		catch (InvalidInputException refused) {
			throw refused;
		}
		catch (IOException | RuntimeException failure) {
			log.debug("Could not decode a {} upload", format, failure);
			throw damaged();
		}
	}

	/** The first registered reader for the detected format that recognises the stream itself. */
	private static ImageReader readerFor(ImageInputStream input, InputFormat format) {
		Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
		while (readers.hasNext()) {
			ImageReader reader = readers.next();
			if (reader.getOriginatingProvider() != null && declares(reader.getOriginatingProvider(), format)) {
				return reader;
			}
		}
		throw damaged();
	}

	private static boolean declares(ImageReaderSpi provider, InputFormat format) {
		for (String name : provider.getFormatNames()) {
			if (name.equalsIgnoreCase(format.formatName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * JPEG decoding carries on over a file cut short or with corrupted data, filling the rest with grey, and only
	 * warns; such warnings are treated as damage. Harmless ones (no colour profile, stray bytes before a marker) are
	 * not.
	 */
	private static boolean isDamage(String warning) {
		String text = warning.toLowerCase(Locale.ROOT);
		return text.contains("truncated") || text.contains("premature end")
				|| text.contains("corrupt") && !text.contains("extraneous bytes");
	}

	private static void checkDimensions(int width, int height, ImageKind kind) {
		if (width > MAX_SIDE || height > MAX_SIDE) {
			throw InvalidInputException.of(FIELD, String.format(Locale.ROOT,
					"The image is %,d × %,d pixels; neither side may be longer than %,d pixels.", width, height, MAX_SIDE));
		}
		long pixels = (long) width * height;
		if (pixels > MAX_PIXELS) {
			throw InvalidInputException.of(FIELD, String.format(Locale.ROOT,
					"The image is %,d × %,d pixels (%.1f megapixels); images may have at most %d megapixels.", width,
					height, pixels / 1e6, MAX_PIXELS / 1_000_000));
		}
		if (Math.max(width, height) < kind.minLongSide() || Math.min(width, height) < kind.minShortSide()) {
			String minimum = kind.minLongSide() == kind.minShortSide()
					? String.format(Locale.ROOT, "%d × %d pixels", kind.minLongSide(), kind.minShortSide())
					: String.format(Locale.ROOT, "%d × %d pixels (or %d × %d upright)", kind.minLongSide(),
							kind.minShortSide(), kind.minShortSide(), kind.minLongSide());
			throw InvalidInputException.of(FIELD, String.format(Locale.ROOT, "The %s is %d × %d pixels; a %s must be at least %s.",
					kind.noun(), width, height, kind.noun(), minimum));
		}
	}

	private static byte[] encode(BufferedImage image, ImageKind kind) {
		String format = kind.keepsTransparency() ? "png" : "jpeg";
		ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(output);
			ImageWriteParam param = writer.getDefaultWriteParam();
			if (!kind.keepsTransparency()) {
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionQuality(JPEG_QUALITY);
			}
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not encode an image in memory", e);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	private static synchronized void registerIfMissing(ImageReaderSpi provider) {
		IIORegistry registry = IIORegistry.getDefaultInstance();
		if (registry.getServiceProviderByClass(provider.getClass()) == null) {
			registry.registerServiceProvider(provider, ImageReaderSpi.class);
		}
	}

	private static InvalidInputException damaged() {
		return InvalidInputException.of(FIELD, DAMAGED);
	}
}
