package io.skyport.accounts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The real keys in {@code src/test/resources/ssh-keys}, made with {@code ssh-keygen}, and what
 * {@code ssh-keygen -lf} printed for them ({@code expected-fingerprints.txt}).
 */
final class SshKeyFixtures {

	private SshKeyFixtures() {
	}

	static String read(String name) {
		try (InputStream in = SshKeyFixtures.class.getResourceAsStream("/ssh-keys/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No test fixture ssh-keys/" + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The fingerprint ssh-keygen printed for a fixture. */
	static String fingerprintOf(String file) {
		return read("expected-fingerprints.txt").lines()
			.filter(line -> line.startsWith(file + " "))
			.map(line -> line.split(" ")[2])
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No fingerprint for " + file + " in expected-fingerprints.txt"));
	}
}
