package io.skyport.compute.nodes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Bearer secrets of hosts: a prefix and 256 random bits; only their SHA-256 is stored (a slow hash would add nothing
 * to a secret of full entropy) and compared in constant time.
 */
final class Secrets {

	static final String ENROLMENT_PREFIX = "skpe_";
	static final String HEARTBEAT_PREFIX = "skpn_";

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final String BEARER = "Bearer ";
	private static final int MAX_LENGTH = 100;

	private Secrets() {
	}

	static String generate(String prefix) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static byte[] sha256(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/** Whether {@code secret} hashes to {@code expected}, in time independent of where they differ. */
	static boolean matches(byte @Nullable [] expected, String secret) {
		byte[] actual = sha256(secret);
		return MessageDigest.isEqual(expected == null ? new byte[actual.length] : expected, actual)
				&& expected != null;
	}

	/** The secret of an {@code Authorization: Bearer <secret>} header with the given prefix, or {@code null}. */
	static @Nullable String bearer(@Nullable String authorization, String prefix) {
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String secret = authorization.substring(BEARER.length()).strip();
		return secret.startsWith(prefix) && secret.length() <= MAX_LENGTH ? secret : null;
	}
}
