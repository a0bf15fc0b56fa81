package io.skyport.compute.nodes;

/**
 * A host presented no token, an unknown, expired or revoked one, or another node's: always the same answer, so a
 * caller learns nothing about which.
 */
class InvalidTokenException extends RuntimeException {

	InvalidTokenException() {
		super("The token is not valid.");
	}
}
