package io.skyport.compute.nocloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A seed token: 192 random bits from {@link SecureRandom}, URL-safe base64 without padding (32 characters). Only its
 * SHA-256 is stored; a slow hash would only slow every request, as the secret has full entropy. Compared through
 * {@link MessageDigest#isEqual}, which takes the same time wherever two hashes differ.
 */
final class SeedToken {

	static final int RANDOM_BYTES = 24;
	static final int LENGTH = 32;

	private final byte[] hash;
	private final int hashCode;

	private SeedToken(byte[] hash) {
		this.hash = hash;
		this.hashCode = Arrays.hashCode(hash);
	}

	static String generate(SecureRandom random) {
		byte[] bytes = new byte[RANDOM_BYTES];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Whether the text has the shape of a token: exactly 32 characters of {@code A-Z a-z 0-9 - _}. */
	static boolean isWellFormed(CharSequence text, int start, int end) {
		if (end - start != LENGTH) {
			return false;
		}
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
				return false;
			}
		}
		return true;
	}

	/** The hash of a (well-formed) token, the key it is stored and cached under. */
	static SeedToken hashOf(String token) {
		try {
			return new SeedToken(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static SeedToken ofHash(byte[] hash) {
		return new SeedToken(hash.clone());
	}

	byte[] hash() {
		return hash.clone();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SeedToken token && MessageDigest.isEqual(hash, token.hash);
	}

	@Override
	public int hashCode() {
		return hashCode;
	}

	@Override
	public String toString() {
		return "SeedToken[hash]";
	}
}
