package io.skyport.billing.invoicing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The text of a PDF as a reader's viewer shows it, extracted by poppler's {@code pdftotext} (Debian package
 * poppler-utils), with runs of white space collapsed to one blank.
 */
final class PdfText {

	private PdfText() {
	}

	static String of(byte[] pdf) {
		try {
			Process process = new ProcessBuilder("pdftotext", "-enc", "UTF-8", "-", "-").start();
			try (OutputStream in = process.getOutputStream()) {
				in.write(pdf);
			}
			String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("pdftotext failed: " + errors);
			}
			return text.replaceAll("\\s+", " ");
		}
		catch (IOException ex) {
			throw new IllegalStateException("pdftotext (apt-get install poppler-utils) could not run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
