package io.skyport.notifications;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

/**
 * The one record of a message named by its idempotency key: whether it was delivered (to SMTP or to the outbox), how
 * many attempts it took and why the last one failed. Never holds the message's body.
 */
@Entity
@Table(name = "email_deliveries")
class EmailDelivery {

	enum Status {
		/** Claimed, not attempted yet (only seen inside the sending transaction). */
		PENDING,
		/** The SMTP server took it. */
		SENT,
		/** Stored in the outbox (no SMTP configured). */
		OUTBOX,
		/** The last SMTP attempt failed; a later send with the same key tries again. */
		FAILED
	}

	@Id
	private UUID id;

	private String idempotencyKey;

	private String recipient;

	private String subject;

	private String template;

	@Enumerated(EnumType.STRING)
	private Status status;

	private int attempts;

	private @Nullable String lastError;

	private Instant createdAt;

	private @Nullable Instant lastAttemptAt;

	private @Nullable Instant sentAt;

	@SuppressWarnings("NullAway.Init")
	protected EmailDelivery() {
	}

	UUID id() {
		return id;
	}

	boolean isDelivered() {
		return status == Status.SENT || status == Status.OUTBOX;
	}

	void sent(Instant now) {
		requireUndelivered();
		status = Status.SENT;
		attempts++;
		lastAttemptAt = now;
		sentAt = now;
		lastError = null;
	}

	void storedInOutbox(Instant now) {
		requireUndelivered();
		status = Status.OUTBOX;
		attempts++;
		lastAttemptAt = now;
		sentAt = now;
		lastError = null;
	}

	void failed(Instant now, String error) {
		requireUndelivered();
		status = Status.FAILED;
		attempts++;
		lastAttemptAt = now;
		lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
	}

	private void requireUndelivered() {
		if (isDelivered()) {
			throw new IllegalStateException("E-mail " + idempotencyKey + " was already delivered");
		}
	}
}
