package io.skyport.platform.errors;

/**
 * The thing asked for does not exist or belongs to someone else: callers must not learn which.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

	/** A message of the form "No ssh key with id 42." */
	public static NotFoundException of(String thing, Object id) {
		return new NotFoundException("No " + thing + " with id " + id + ".");
	}
}
