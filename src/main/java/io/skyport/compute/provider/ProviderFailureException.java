package io.skyport.compute.provider;

/** The host answered and refused the request: repeating it will not help. */
public class ProviderFailureException extends ProviderException {

	public ProviderFailureException(String message) {
		super(message);
	}

	public ProviderFailureException(String message, Throwable cause) {
		super(message, cause);
	}
}
