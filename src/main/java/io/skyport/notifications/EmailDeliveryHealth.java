package io.skyport.notifications;

import java.time.Instant;

/**
 * How e-mail delivery is going, for alerts: messages whose last attempt to reach the SMTP server failed and that have
 * not been delivered since.
 */
public interface EmailDeliveryHealth {

	/** Undelivered messages whose last attempt failed in [{@code from}, {@code to}). */
	long failedBetween(Instant from, Instant to);
}
