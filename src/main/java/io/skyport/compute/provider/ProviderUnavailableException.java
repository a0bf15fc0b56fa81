package io.skyport.compute.provider;

/** The host could not be reached or did not answer in time: transient, retry with backoff. */
public class ProviderUnavailableException extends ProviderException {

	public ProviderUnavailableException(String message) {
		super(message);
	}

	public ProviderUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}
}
