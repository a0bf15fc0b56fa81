package io.skyport.notifications;

/**
 * Sends e-mail. Call it from an {@code @ApplicationModuleListener}: the listener's event publication then stays
 * incomplete when the SMTP server is down, and the platform resubmits it with backoff until the message is delivered.
 */
public interface Emails {

	/**
	 * Sends (or, without SMTP, stores in the outbox) at most once per {@link EmailRequest#idempotencyKey()}; a key
	 * already delivered makes this a no-op, also when two calls race. The delivery is recorded in its own transaction,
	 * whatever happens to the caller's.
	 *
	 * @throws EmailDeliveryException when the SMTP server cannot take the message, so the caller's event listener
	 * fails and its publication is retried.
	 * @throws IllegalArgumentException if the template does not exist.
	 */
	void send(EmailRequest request);
}
