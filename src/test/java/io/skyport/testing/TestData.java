package io.skyport.testing;

import java.util.UUID;

/**
 * Values that keep tests sharing one database out of each other's way.
 */
public final class TestData {

	/** A password that passes the password policy. */
	public static final String PASSWORD = "correct horse battery staple";

	private TestData() {
	}

	public static String uniqueEmail() {
		return "user-" + UUID.randomUUID().toString().substring(0, 13) + "@example.test";
	}
}
