package io.skyport.compute;

import org.jspecify.annotations.Nullable;

/**
 * This will never work, because of what the message says: the host refused the machine's definition, the image is
 * missing on the node, the instance is being deleted. Repeating the same step does not help.
 */
public class ComputeRefusedException extends RuntimeException {

	public ComputeRefusedException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	public ComputeRefusedException(String message) {
		super(message);
	}
}
