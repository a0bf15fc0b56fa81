package io.skyport.compute;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Try again later: the instance's host could not be reached, did not answer in time, or its node is down. The
 * message says which host and what was being done.
 */
public class ComputeUnavailableException extends RuntimeException {

	private final boolean nodeUnavailable;

	private final @Nullable Duration retryAfter;

	public ComputeUnavailableException(String message, boolean nodeUnavailable, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, cause);
		this.nodeUnavailable = nodeUnavailable;
		this.retryAfter = retryAfter;
	}

	/**
	 * Whether the instance's node is down or no longer exists, so that {@link ComputeInstances#relocate} may help
	 * (for an instance that has not run yet).
	 */
	public boolean nodeUnavailable() {
		return nodeUnavailable;
	}

	/** How long to wait at least before trying again, if compute knows; otherwise the caller's own backoff. */
	public @Nullable Duration retryAfter() {
		return retryAfter;
	}
}
