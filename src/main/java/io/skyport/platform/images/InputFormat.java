package io.skyport.platform.images;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.errors.InvalidInputException;

/**
 * The accepted upload formats, recognised by their leading bytes only — never by a file name or a declared content
 * type, which the uploader controls.
 */
enum InputFormat {

	PNG("png"), JPEG("jpeg"), WEBP("webp");

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	private static final byte[] JPEG_SIGNATURE = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
	private static final int TEXT_SNIFF_LENGTH = 1024;

	private final String formatName;

	InputFormat(String formatName) {
		this.formatName = formatName;
	}

	/** The Image I/O format name its readers declare. */
	String formatName() {
		return formatName;
	}

	/**
	 * @throws InvalidInputException for anything but a PNG, JPEG or WebP file, naming what the file is when that can
	 *         be told from its first bytes.
	 */
	static InputFormat detect(byte[] data) {
		if (startsWith(data, 0, PNG_SIGNATURE)) {
			return PNG;
		}
		if (startsWith(data, 0, JPEG_SIGNATURE)) {
			return JPEG;
		}
		if (startsWith(data, 0, ascii("RIFF")) && startsWith(data, 8, ascii("WEBP"))) {
			return WEBP;
		}
		String actually = describe(data);
		throw InvalidInputException.of("file",
				actually == null ? "The file must be a PNG, JPEG or WebP image."
						: "This file is " + actually + ". It must be a PNG, JPEG or WebP image.");
	}

	/**
	 * @return whether a WebP file is shorter than its RIFF header declares: the WebP decoder does not always notice
	 *         a cut-off lossless image and would return made-up pixels.
	 */
	static boolean isTruncatedWebP(byte[] data) {
		if (data.length < 12) {
			return true;
		}
		long declared = (data[4] & 0xFFL) | (data[5] & 0xFFL) << 8 | (data[6] & 0xFFL) << 16 | (data[7] & 0xFFL) << 24;
		return data.length < 8 + declared;
	}

	private static @Nullable String describe(byte[] data) {
		if (startsWith(data, 0, ascii("PK\u0003\u0004")) || startsWith(data, 0, ascii("PK\u0005\u0006"))
				|| startsWith(data, 0, ascii("PK\u0007\u0008"))) {
			return "a ZIP archive, not an image";
		}
		if (startsWith(data, 0, ascii("GIF87a")) || startsWith(data, 0, ascii("GIF89a"))) {
			return "a GIF image";
		}
		if (startsWith(data, 0, ascii("BM"))) {
			return "a BMP image";
		}
		if (startsWith(data, 0, ascii("II*\0")) || startsWith(data, 0, ascii("MM\0*"))) {
			return "a TIFF image";
		}
		if (startsWith(data, 4, ascii("ftypheic")) || startsWith(data, 4, ascii("ftypheix"))
				|| startsWith(data, 4, ascii("ftypmif1"))) {
			return "a HEIC photo";
		}
		if (startsWith(data, 4, ascii("ftypavif"))) {
			return "an AVIF image";
		}
		if (startsWith(data, 0, new byte[] { 0x1F, (byte) 0x8B })) {
			return "a compressed (gzip) file, not an image";
		}
		if (startsWith(data, 0, ascii("\u007FELF")) || startsWith(data, 0, ascii("MZ"))) {
			return "a program, not an image";
		}
		String text = leadingText(data);
		if (text.startsWith("%pdf-")) {
			return "a PDF document, not an image";
		}
		if (text.startsWith("<svg") || (text.startsWith("<?xml") || text.startsWith("<!doctype svg")) && text.contains("<svg")) {
			return "an SVG drawing";
		}
		if (text.startsWith("<!doctype html") || text.startsWith("<html") || text.startsWith("<head")
				|| text.startsWith("<body") || text.startsWith("<script")) {
			return "an HTML page, not an image";
		}
		return null;
	}

	/** The first bytes as lower-case text, without a byte order mark and leading white space. */
	private static String leadingText(byte[] data) {
		int start = startsWith(data, 0, new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }) ? 3 : 0;
		while (start < data.length && Character.isWhitespace(data[start])) {
			start++;
		}
		int end = Math.min(data.length, start + TEXT_SNIFF_LENGTH);
		return new String(data, start, end - start, ISO_8859_1).toLowerCase(Locale.ROOT);
	}

	private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
		return data.length >= offset + prefix.length
				&& Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(ISO_8859_1);
	}
}
