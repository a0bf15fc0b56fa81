package io.skyport.compute.nocloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A secret of this process that Skyport's simulated guest sends in {@link #HEADER}: the data source then spares its
 * requests the per-address rate limit (they all come from the loopback address, hundreds per minute in a burst of
 * deployments). The per-token limit still applies. The secret is random per process and never stored or logged; a
 * request from elsewhere with a wrong or missing header is limited as usual.
 */
@Component
public class SimulatedGuestPass {

	/** The request header carrying the secret. */
	public static final String HEADER = "X-Skyport-Simulated-Guest";

	private final String secret;

	SimulatedGuestPass() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The header value for the simulated guest's requests. */
	public String value() {
		return secret;
	}

	/** Whether the header value is this process's secret (compared in constant time). */
	boolean matches(@Nullable String value) {
		return value != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
				secret.getBytes(StandardCharsets.US_ASCII));
	}
}
