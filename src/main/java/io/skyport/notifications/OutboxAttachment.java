package io.skyport.notifications;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A file attached to an {@link OutboxMessage}.
 */
@Entity
@Table(name = "email_outbox_attachments")
class OutboxAttachment {

	@Id
	private UUID id;

	private UUID messageId;

	private int position;

	private String filename;

	private String contentType;

	private int sizeBytes;

	private byte[] content;

	OutboxAttachment(UUID messageId, int position, Attachment attachment) {
		this.id = UUID.randomUUID();
		this.messageId = messageId;
		this.position = position;
		this.filename = attachment.filename();
		this.contentType = attachment.contentType();
		this.sizeBytes = attachment.content().length;
		this.content = attachment.content().clone();
	}

	@SuppressWarnings("NullAway.Init")
	protected OutboxAttachment() {
	}

	String filename() {
		return filename;
	}

	String contentType() {
		return contentType;
	}

	byte[] content() {
		return content.clone();
	}
}
