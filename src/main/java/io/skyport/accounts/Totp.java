package io.skyport.accounts;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): 30-second steps from the Unix epoch, HMAC-SHA-1,
 * 6 digits — what every authenticator app computes. Small enough to keep here rather than depend on an unmaintained
 * library; tested against the RFC's test vectors.
 */
final class Totp {

	static final int STEP_SECONDS = 30;
	static final int DIGITS = 6;
	/** Steps accepted either side of the current one, for clocks that drift and codes typed slowly. */
	static final int WINDOW = 1;

	private Totp() {
	}

	static long step(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
	}

	/** The code of one time step with the given number of digits (6 for apps; the RFC vectors use 8). */
	static String code(byte[] secret, long step, int digits, String hmacAlgorithm) {
		try {
			Mac mac = Mac.getInstance(hmacAlgorithm);
			mac.init(new SecretKeySpec(secret, "RAW"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			int modulus = (int) Math.pow(10, digits);
			return String.format("%0" + digits + "d", binary % modulus);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(hmacAlgorithm + " is part of every JDK", ex);
		}
	}

	static String code(byte[] secret, long step) {
		return code(secret, step, DIGITS, "HmacSHA1");
	}

	/**
	 * @return the step whose code this is, within {@link #WINDOW} steps of {@code now}, or empty; compared in
	 *         constant time. The caller refuses a step not later than the last one used.
	 */
	static OptionalLong matchingStep(byte[] secret, String code, Instant now) {
		String digits = code.replaceAll("\\s", "");
		if (!digits.matches("\\d{" + DIGITS + "}")) {
			return OptionalLong.empty();
		}
		long current = step(now);
		OptionalLong found = OptionalLong.empty();
		for (long step = current - WINDOW; step <= current + WINDOW; step++) {
			if (MessageDigest.isEqual(code(secret, step).getBytes(), digits.getBytes()) && found.isEmpty()) {
				found = OptionalLong.of(step);
			}
		}
		return found;
	}

	/** The {@code otpauth://} URI authenticator apps read from the QR code. */
	static String uri(String issuer, String account, byte[] secret) {
		return "otpauth://totp/" + encode(issuer) + ":" + encode(account) + "?secret=" + Base32.encode(secret)
				+ "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** RFC 4648 Base32 without padding, as authenticator apps expect secrets. */
	static final class Base32 {

		private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

		private Base32() {
		}

		static String encode(byte[] data) {
			StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
			int buffer = 0;
			int bits = 0;
			for (byte b : data) {
				buffer = (buffer << 8) | (b & 0xff);
				bits += 8;
				while (bits >= 5) {
					out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 0x1f));
					bits -= 5;
				}
			}
			if (bits > 0) {
				out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
			}
			return out.toString();
		}

		static byte[] decode(String text) {
			String clean = text.replaceAll("[\\s=-]", "").toUpperCase();
			ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
			int buffer = 0;
			int bits = 0;
			for (char c : clean.toCharArray()) {
				int value = ALPHABET.indexOf(c);
				if (value < 0) {
					throw new IllegalArgumentException("Not a Base32 character: " + c);
				}
				buffer = (buffer << 5) | value;
				bits += 5;
				if (bits >= 8) {
					out.put((byte) (buffer >> (bits - 8)));
					bits -= 8;
				}
			}
			return out.array();
		}
	}
}
