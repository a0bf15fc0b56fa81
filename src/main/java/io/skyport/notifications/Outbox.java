package io.skyport.notifications;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Slice;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.platform.errors.NotFoundException;

/**
 * What the operator reads in the outbox: messages kept because no SMTP server is configured.
 */
@Service
class Outbox {

	static final int PAGE_SIZE = 50;

	private final OutboxMessages messages;
	private final OutboxAttachments attachments;
	private final EmailService emails;

	Outbox(OutboxMessages messages, OutboxAttachments attachments, EmailService emails) {
		this.messages = messages;
		this.attachments = attachments;
		this.emails = emails;
	}

	record MessageSummary(UUID id, String recipient, String subject, int attachmentCount, Instant createdAt) {
	}

	record MessagePage(List<MessageSummary> messages, int page, boolean hasNext, boolean smtpConfigured) {
	}

	record AttachmentView(int position, String filename, String contentType, int sizeBytes) {
	}

	record MessageView(UUID id, String sender, String recipient, String subject, Instant createdAt, String textBody,
			String htmlBody, List<AttachmentView> attachments) {
	}

	record AttachmentFile(String filename, String contentType, byte[] content) {
	}

	@Transactional(readOnly = true)
	MessagePage page(int page) {
		int number = Math.max(0, page);
		Slice<OutboxMessages.Summary> slice = messages.findAllByOrderByCreatedAtDescIdDesc(PageRequest.of(number, PAGE_SIZE));
		List<MessageSummary> summaries = slice.getContent().stream()
			.map(it -> new MessageSummary(it.getId(), it.getRecipient(), it.getSubject(), it.getAttachmentCount(),
					it.getCreatedAt()))
			.toList();
		return new MessagePage(summaries, number, slice.hasNext(), emails.usesSmtp());
	}

	@Transactional(readOnly = true)
	MessageView message(UUID id) {
		OutboxMessage message = messages.findById(id).orElseThrow(() -> new NotFoundException("There is no such message."));
		List<AttachmentView> files = attachments.findByMessageIdOrderByPosition(id).stream()
			.map(it -> new AttachmentView(it.getPosition(), it.getFilename(), it.getContentType(), it.getSizeBytes()))
			.toList();
		return new MessageView(message.id(), message.sender(), message.recipient(), message.subject(),
				message.createdAt(), message.textBody(), message.htmlBody(), files);
	}

	@Transactional(readOnly = true)
	AttachmentFile attachment(UUID messageId, int position) {
		OutboxAttachment attachment = attachments.findByMessageIdAndPosition(messageId, position)
			.orElseThrow(() -> new NotFoundException("There is no such attachment."));
		return new AttachmentFile(attachment.filename(), attachment.contentType(), attachment.content());
	}
}
