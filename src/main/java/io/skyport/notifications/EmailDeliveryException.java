package io.skyport.notifications;

/**
 * The SMTP server could not take a message (down, refused it, timed out). The attempt is recorded; sending the same
 * request again later is safe.
 */
public class EmailDeliveryException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public EmailDeliveryException(String message, Throwable cause) {
		super(message, cause);
	}
}
