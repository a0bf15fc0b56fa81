package io.skyport.notifications;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * {@link Emails} over SMTP when Spring Boot configured a {@link JavaMailSender} ({@code spring.mail.host} is set), into
 * the outbox otherwise. Each key's delivery record is claimed and locked in a transaction of its own, so a message is
 * delivered at most once per key even when two senders race, and a failed attempt stays recorded when the caller's
 * transaction rolls back.
 */
@Service
class EmailService implements Emails {

	private static final Logger log = LoggerFactory.getLogger(EmailService.class);

	private final EmailTemplates templates;
	private final EmailDeliveries deliveries;
	private final OutboxMessages outbox;
	private final OutboxAttachments outboxAttachments;
	private final @Nullable JavaMailSender smtp;
	private final InternetAddress from;
	private final TransactionTemplate ownTransaction;
	private final Clock clock;
	private final EmailMetrics metrics;

	EmailService(EmailTemplates templates, EmailDeliveries deliveries, OutboxMessages outbox,
			OutboxAttachments outboxAttachments, ObjectProvider<JavaMailSender> smtp, MailSettings settings,
			PlatformTransactionManager transactions, Clock clock, EmailMetrics metrics) {
		this.metrics = metrics;
		this.templates = templates;
		this.deliveries = deliveries;
		this.outbox = outbox;
		this.outboxAttachments = outboxAttachments;
		this.smtp = smtp.getIfAvailable();
		this.from = parseFrom(settings.from());
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		log.info("E-mail goes to {} (from {})", this.smtp != null ? "the SMTP server (spring.mail.host)"
				: "the outbox in the admin panel: set spring.mail.host to send over SMTP", this.from.getAddress());
	}

	/** Whether messages go over SMTP rather than into the outbox. */
	boolean usesSmtp() {
		return smtp != null;
	}

	@Override
	public void send(EmailRequest request) {
		if (deliveries.isDelivered(request.idempotencyKey())) {
			return;
		}
		RenderedEmail body = templates.render(request);
		MimeMessage message = smtp != null ? mimeMessage(request, body) : null;
		@Nullable MailException failure = ownTransaction.execute(status -> deliver(request, body, message));
		if (failure != null) {
			throw new EmailDeliveryException("The SMTP server did not take e-mail '" + request.idempotencyKey() + "': "
					+ failure.getMessage(), failure);
		}
	}

	/** @return the SMTP failure, recorded and committed, or {@literal null}. */
	private @Nullable MailException deliver(EmailRequest request, RenderedEmail body, @Nullable MimeMessage message) {
		deliveries.claim(UUID.randomUUID(), request.idempotencyKey(), request.to(), request.subject(),
				request.template(), clock.instant());
		EmailDelivery delivery = deliveries.findByIdempotencyKey(request.idempotencyKey())
			.orElseThrow(() -> new IllegalStateException("No delivery record for " + request.idempotencyKey()));
		if (delivery.isDelivered()) {
			return null;
		}
		if (smtp == null || message == null) {
			OutboxMessage stored = outbox.save(new OutboxMessage(delivery.id(), from.toUnicodeString(), request.to(),
					request.subject(), body, request.attachments().size(), clock.instant()));
			List<Attachment> attachments = request.attachments();
			for (int i = 0; i < attachments.size(); i++) {
				outboxAttachments.save(new OutboxAttachment(stored.id(), i, attachments.get(i)));
			}
			delivery.storedInOutbox(clock.instant());
			metrics.attempted(EmailMetrics.Outcome.OUTBOX);
			log.debug("Stored e-mail {} in the outbox", request.idempotencyKey());
			return null;
		}
		try {
			smtp.send(message);
			delivery.sent(clock.instant());
			metrics.attempted(EmailMetrics.Outcome.SENT);
			log.debug("Sent e-mail {}", request.idempotencyKey());
			return null;
		}
		catch (MailException ex) {
			delivery.failed(clock.instant(), ex.getClass().getSimpleName() + ": " + ex.getMessage());
			metrics.attempted(EmailMetrics.Outcome.FAILED);
			log.warn("Could not send e-mail {} (attempt recorded, it will be retried): {}", request.idempotencyKey(),
					ex.getMessage());
			return ex;
		}
	}

	private MimeMessage mimeMessage(EmailRequest request, RenderedEmail body) {
		try {
			MimeMessage message = new KeyedMimeMessage(messageId(request.idempotencyKey()));
			MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
					StandardCharsets.UTF_8.name());
			helper.setFrom(from);
			helper.setTo(request.to());
			helper.setSubject(request.subject());
			helper.setSentDate(java.util.Date.from(clock.instant()));
			helper.setText(body.text(), body.html());
			for (Attachment attachment : request.attachments()) {
				helper.addAttachment(attachment.filename(), new ByteArrayResource(attachment.content()),
						attachment.contentType());
			}
			return message;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Could not build e-mail " + request.idempotencyKey(), ex);
		}
	}

	/** The same Message-ID for every attempt of a key, so mail clients can drop a duplicate after a crash. */
	private String messageId(String idempotencyKey) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
			String domain = from.getAddress().substring(from.getAddress().indexOf('@') + 1);
			return "<" + HexFormat.of().formatHex(hash, 0, 16) + ".skyport@" + domain + ">";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static InternetAddress parseFrom(String from) {
		try {
			InternetAddress address = new InternetAddress(from, true);
			if (address.getPersonal() != null) {
				address.setPersonal(address.getPersonal(), StandardCharsets.UTF_8.name());
			}
			return address;
		}
		catch (AddressException | UnsupportedEncodingException ex) {
			throw new IllegalArgumentException("skyport.mail.from is not an e-mail address: " + from, ex);
		}
	}

	/** A message whose Message-ID is fixed instead of generated when it is sent. */
	private static final class KeyedMimeMessage extends MimeMessage {

		private final String messageId;

		KeyedMimeMessage(String messageId) {
			super(Session.getInstance(new Properties()));
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", messageId);
		}
	}
}
