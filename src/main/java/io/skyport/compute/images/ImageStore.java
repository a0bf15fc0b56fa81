package io.skyport.compute.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Skyport's image store: a directory holding each verified image file once, named by its SHA-256
 * ({@code skyport.compute.images.store-dir}, default {@code var/images}). A file arrives through {@link #receive}: it is
 * streamed into {@code .incoming/} while hashed and moved to its name only if the hash is the one expected, so the
 * store never holds a partial or unverified file under a content name.
 */
@Component
class ImageStore {

	/** A file the store holds. */
	record StoredFile(String sha256, long size, String format) {
	}

	/** The content did not hash to the expected SHA-256 (nothing was kept). */
	static final class ChecksumMismatchException extends RuntimeException {

		ChecksumMismatchException(String expected, String actual, long size) {
			super("The file's sha256 is " + actual + " (" + size + " bytes), not the expected " + expected
					+ "; nothing was kept.");
		}
	}

	private static final byte[] QCOW2_MAGIC = { 'Q', 'F', 'I', (byte) 0xfb };

	private final Path root;

	private final Path incoming;

	ImageStore(ImageProperties properties) {
		Path root = properties.storeDir();
		this.root = root.toAbsolutePath().normalize();
		this.incoming = this.root.resolve(".incoming");
	}

	Path root() {
		return root;
	}

	/** Where the file with this SHA-256 is (or would be). */
	Path path(String sha256) {
		if (!sha256.matches("[0-9a-f]{64}")) {
			throw new IllegalArgumentException("Not a SHA-256: " + sha256);
		}
		return root.resolve(sha256);
	}

	/**
	 * Streams {@code content} into the store and keeps it under its SHA-256 if that is {@code expectedSha256}.
	 *
	 * @throws ChecksumMismatchException the content hashes differently; nothing is kept.
	 * @throws IOException reading the content or writing the store failed; nothing is kept.
	 */
	StoredFile receive(InputStream content, String expectedSha256) throws IOException {
		Files.createDirectories(incoming);
		Path temporary = incoming.resolve(UUID.randomUUID() + ".part");
		try {
			MessageDigest digest = sha256();
			byte[] head = new byte[QCOW2_MAGIC.length];
			int headLength = 0;
			long size = 0;
			try (OutputStream out = Files.newOutputStream(temporary)) {
				byte[] buffer = new byte[1 << 16];
				int read;
				while ((read = content.read(buffer)) >= 0) {
					if (read == 0) {
						continue;
					}
					digest.update(buffer, 0, read);
					out.write(buffer, 0, read);
					if (headLength < head.length) {
						int take = Math.min(head.length - headLength, read);
						System.arraycopy(buffer, 0, head, headLength, take);
						headLength += take;
					}
					size += read;
				}
			}
			String actual = HexFormat.of().formatHex(digest.digest());
			if (!actual.equals(expectedSha256)) {
				throw new ChecksumMismatchException(expectedSha256, actual, size);
			}
			Files.move(temporary, path(actual), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			boolean qcow2 = headLength == head.length && java.util.Arrays.equals(head, QCOW2_MAGIC);
			return new StoredFile(actual, size, qcow2 ? "qcow2" : "raw");
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
