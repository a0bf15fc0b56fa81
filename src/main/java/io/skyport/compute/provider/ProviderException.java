package io.skyport.compute.provider;

/** A provider call failed. Subclasses say whether retrying can help. */
public abstract class ProviderException extends RuntimeException {

	public ProviderException(String message) {
		super(message);
	}

	public ProviderException(String message, Throwable cause) {
		super(message, cause);
	}
}
