package io.skyport.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Deterministic pseudo-random content of any length, generated while it is read, so a large object never has to be
 * held in memory to be written or checked.
 */
final class TestContent {

	private TestContent() {
	}

	static InputStream stream(long seed, long length) {
		return new InputStream() {

			private final SplittableRandom random = new SplittableRandom(seed);
			private long remaining = length;

			@Override
			public int read() {
				if (remaining == 0) {
					return -1;
				}
				remaining--;
				return random.nextInt(256);
			}

			@Override
			public int read(byte[] buffer, int offset, int count) {
				if (remaining == 0) {
					return -1;
				}
				int n = (int) Math.min(count, remaining);
				for (int i = 0; i < n; i++) {
					buffer[offset + i] = (byte) random.nextInt(256);
				}
				remaining -= n;
				return n;
			}
		};
	}

	static byte[] bytes(long seed, int length) {
		try (InputStream in = stream(seed, length)) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	/** Reads {@code in} to its end and returns the hex SHA-256 and the number of bytes read. */
	static Digest digest(InputStream in) throws IOException {
		try (DigestInputStream digesting = new DigestInputStream(in, sha256())) {
			long count = digesting.transferTo(OutputStream.nullOutputStream());
			return new Digest(HexFormat.of().formatHex(digesting.getMessageDigest().digest()), count);
		}
	}

	record Digest(String sha256, long length) {
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new AssertionError(e);
		}
	}
}
