package io.skyport.compute.provider;

/** The named machine or volume does not exist on the host. */
public class MachineNotFoundException extends ProviderException {

	public MachineNotFoundException(String message) {
		super(message);
	}

	public MachineNotFoundException(String message, Throwable cause) {
		super(message, cause);
	}
}
