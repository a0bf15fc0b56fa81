package io.skyport.platform.errors;

/**
 * The caller may see the resource but not do this with it; the message says why.
 */
public class ForbiddenException extends RuntimeException {

	public ForbiddenException(String message) {
		super(message);
	}
}
