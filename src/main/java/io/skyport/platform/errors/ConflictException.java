package io.skyport.platform.errors;

/**
 * The request is well-formed but clashes with the current state (a duplicate, an action invalid in this state).
 */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}
}
