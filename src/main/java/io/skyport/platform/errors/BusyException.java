package io.skyport.platform.errors;

import java.time.Duration;

/**
 * The server is too busy to do this now (a bounded resource is exhausted); the request may be repeated later.
 */
public class BusyException extends RuntimeException {

	private final Duration retryAfter;

	public BusyException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return retryAfter;
	}
}
