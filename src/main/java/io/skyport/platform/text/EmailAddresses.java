package io.skyport.platform.text;

import java.util.regex.Pattern;

/**
 * The shape every e-mail address Skyport accepts has: a local part, an {@code @} and a domain with a dot.
 */
public final class EmailAddresses {

	public static final int MAX_LENGTH = 254;

	private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

	private EmailAddresses() {
	}

	public static boolean isWellFormed(String address) {
		return address.length() <= MAX_LENGTH && SHAPE.matcher(address).matches();
	}
}
