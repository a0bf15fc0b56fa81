package io.skyport.notifications;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A message kept for the operator to read because no SMTP server is configured.
 */
@Entity
@Table(name = "email_outbox")
class OutboxMessage {

	@Id
	private UUID id;

	private UUID deliveryId;

	private String sender;

	private String recipient;

	private String subject;

	private String textBody;

	private String htmlBody;

	private int attachmentCount;

	private Instant createdAt;

	OutboxMessage(UUID deliveryId, String sender, String recipient, String subject, RenderedEmail body,
			int attachmentCount, Instant now) {
		this.id = UUID.randomUUID();
		this.deliveryId = deliveryId;
		this.sender = sender;
		this.recipient = recipient;
		this.subject = subject;
		this.textBody = body.text();
		this.htmlBody = body.html();
		this.attachmentCount = attachmentCount;
		this.createdAt = now;
	}

	@SuppressWarnings("NullAway.Init")
	protected OutboxMessage() {
	}

	UUID id() {
		return id;
	}

	String sender() {
		return sender;
	}

	String recipient() {
		return recipient;
	}

	String subject() {
		return subject;
	}

	String textBody() {
		return textBody;
	}

	String htmlBody() {
		return htmlBody;
	}

	int attachmentCount() {
		return attachmentCount;
	}

	Instant createdAt() {
		return createdAt;
	}
}
