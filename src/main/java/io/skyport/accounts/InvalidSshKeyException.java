package io.skyport.accounts;

/**
 * Text pasted as an SSH public key that cannot be accepted. The message is written for the person who pasted it: it
 * says what is wrong and how to fix it, and may be shown to them verbatim.
 */
final class InvalidSshKeyException extends RuntimeException {

	InvalidSshKeyException(String message) {
		super(message);
	}
}
