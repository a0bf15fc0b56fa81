package io.skyport.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.util.GreenMail;

import io.micrometer.core.instrument.MeterRegistry;
import io.skyport.accounts.AccountFixtures;
import io.skyport.billing.documents.InvoicePdfRenderer;
import io.skyport.billing.documents.SampleInvoices;
import io.skyport.testing.TestData;
import io.skyport.testing.TestSmtpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * E-mail over a real SMTP server (GreenMail on 127.0.0.1): what arrives, once per key, and what happens while the
 * server is down. Its own context (SMTP configured, fast retries) on its own database, so no other context runs its
 * retry job; closed after the class so the job stops.
 */
@SpringBootTest(properties = { "skyport.test.database=smtp_email_tests", "skyport.events.retry.interval=200ms",
		"skyport.events.retry.initial-backoff=200ms", "skyport.events.retry.max-backoff=1s",
		"skyport.metrics.database-gauge-ttl=0s" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SmtpEmailTests {

	private static final TestSmtpServer smtp = new TestSmtpServer();

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry registry) {
		smtp.register(registry);
	}

	@Autowired
	Emails emails;

	@Autowired
	InvoicePdfRenderer invoices;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void smtpIsUp() {
		smtp.start();
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@Test
	void a_message_arrives_with_text_and_html_alternatives_and_the_pdf_attached() throws Exception {
		String to = TestData.uniqueEmail();
		byte[] pdf = invoices.render(SampleInvoices.invoice("SKY-2026-000200", 1));

		emails.send(new EmailRequest("test:" + UUID.randomUUID(), to, "Invoice SKY-2026-000200 for Zoë", "test-message",
				Map.of("name", "Zoë", "number", "SKY-2026-000200"), List.of(Attachment.pdf("SKY-2026-000200.pdf", pdf))));

		MimeMessage message = Awaitility.await().until(() -> messagesTo(to), list -> list.size() == 1).getFirst();
		assertThat(message.getSubject()).isEqualTo("Invoice SKY-2026-000200 for Zoë");
		assertThat(message.getFrom()[0].toString()).isEqualTo("Skyport <billing@skyport.local>");
		assertThat(message.getMessageID()).endsWith(".skyport@skyport.local>");
		assertThat(message.getContentType()).startsWith("multipart/mixed");

		List<Part> parts = leaves(message);
		assertThat(parts).anySatisfy(part -> {
			assertThat(part.getContentType()).startsWith("text/plain");
			assertThat((String) part.getContent()).contains("Hello Zoë,", "your document SKY-2026-000200 is attached.");
		});
		assertThat(parts).anySatisfy(part -> {
			assertThat(part.getContentType()).startsWith("text/html");
			assertThat((String) part.getContent()).contains("<h1>Hello Zoë</h1>", "<strong>SKY-2026-000200</strong>");
		});
		assertThat(parts).anySatisfy(part -> {
			assertThat(part.getContentType()).startsWith("application/pdf");
			assertThat(part.getDisposition()).isEqualTo(Part.ATTACHMENT);
			assertThat(part.getFileName()).isEqualTo("SKY-2026-000200.pdf");
			assertThat(part.getInputStream().readAllBytes()).isEqualTo(pdf);
		});
		assertThat(containsAlternative(message)).as("text and HTML are multipart/alternative").isTrue();
	}

	@Test
	void the_same_key_is_sent_once_also_when_senders_race() throws Exception {
		String to = TestData.uniqueEmail();
		EmailRequest request = EmailRequest.of("test:" + UUID.randomUUID(), to, "Once", "test-message",
				Map.of("name", "Ada", "number", "1"));

		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> sends = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				sends.add(threads.submit(() -> emails.send(request)));
			}
			for (Future<?> send : sends) {
				send.get();
			}
		}
		finally {
			threads.shutdown();
		}
		emails.send(request);

		assertThat(messagesTo(to)).hasSize(1);
		assertThat(jdbc.queryForMap("select status, attempts from email_deliveries where idempotency_key = ?",
				request.idempotencyKey())).containsEntry("status", "SENT").containsEntry("attempts", 1);
	}

	@Test
	void while_the_server_is_down_listeners_fail_and_every_message_arrives_exactly_once_after_it_is_back() {
		String batch = UUID.randomUUID().toString();
		List<String> recipients = List.of(TestData.uniqueEmail(), TestData.uniqueEmail(), TestData.uniqueEmail());
		smtp.stop();

		transaction.executeWithoutResult(status -> events.publishEvent(new MailBatchRequested(batch, recipients)));
		AccountFixtures.TestUser customer = accounts.customer();
		String welcomeKey = "welcome:" + customer.user().userId().id();

		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(publicationStatus(batch)).isEqualTo("FAILED");
			assertThat(jdbc.queryForObject("select completion_attempts from event_publication where serialized_event like ?",
					Integer.class, "%" + batch + "%")).as("resubmitted and failed again").isGreaterThanOrEqualTo(2);
			assertThat(jdbc.queryForList("select status, last_error from email_deliveries where idempotency_key = ?",
					welcomeKey))
				.singleElement()
				.satisfies(row -> assertThat(row).containsEntry("status", "FAILED")
					.hasEntrySatisfying("last_error", error -> assertThat((String) error).contains("MailSendException")));
		});
		assertThat(jdbc.queryForObject("select completion_date is null from event_publication where serialized_event like ?",
				Boolean.class, "%" + batch + "%")).isTrue();

		smtp.start();

		Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(publicationStatus(batch)).isEqualTo("COMPLETED");
			assertThat(jdbc.queryForList("select status from email_deliveries where idempotency_key = ?", String.class,
					welcomeKey)).containsExactly("SENT");
		});
		for (String recipient : recipients) {
			assertThat(messagesTo(recipient)).singleElement()
				.satisfies(message -> assertThat(message.getSubject()).isEqualTo("Batch " + batch));
		}
		assertThat(messagesTo(customer.email())).singleElement()
			.satisfies(message -> assertThat(message.getSubject()).isEqualTo("Welcome to Skyport"));
		assertThat(jdbc.queryForObject("select attempts from email_deliveries where idempotency_key = ?", Integer.class,
				"batch:" + batch + ":0")).isGreaterThanOrEqualTo(3);
		assertThat(jdbc.queryForList("select attempts from email_deliveries where idempotency_key in (?, ?)", Integer.class,
				"batch:" + batch + ":1", "batch:" + batch + ":2")).containsExactly(1, 1);
	}

	@Test
	void a_listener_that_fails_after_sending_is_retried_without_sending_again() {
		String to = TestData.uniqueEmail();

		transaction.executeWithoutResult(status -> events.publishEvent(new FailsOnceAfterSending(to)));

		Awaitility.await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(publicationStatus(to)).isEqualTo("COMPLETED"));
		assertThat(jdbc.queryForObject("select completion_attempts from event_publication where serialized_event like ?",
				Integer.class, "%" + to + "%")).isGreaterThanOrEqualTo(1);
		assertThat(messagesTo(to)).hasSize(1);
	}

	@Test
	void an_unreachable_server_is_reported_as_a_delivery_failure_and_recorded() {
		String key = "test:" + UUID.randomUUID();
		double failures = meters.get(EmailMetrics.DELIVERIES).tag("outcome", "failed").counter().count();
		double undelivered = meters.get(EmailMetrics.UNDELIVERED).gauge().value();
		smtp.stop();

		assertThatExceptionOfType(EmailDeliveryException.class)
			.isThrownBy(() -> emails.send(EmailRequest.of(key, TestData.uniqueEmail(), "Down", "test-message",
					Map.of("name", "Ada", "number", "1"))))
			.withMessageContaining(key);
		assertThat(jdbc.queryForMap("select status, attempts from email_deliveries where idempotency_key = ?", key))
			.containsEntry("status", "FAILED").containsEntry("attempts", 1);
		assertThat(meters.get(EmailMetrics.DELIVERIES).tag("outcome", "failed").counter().count())
			.as("skyport_mail_deliveries_total{outcome=failed}").isGreaterThanOrEqualTo(failures + 1);
		assertThat(meters.get(EmailMetrics.UNDELIVERED).gauge().value()).as("skyport_mail_undelivered")
			.isGreaterThanOrEqualTo(undelivered + 1);
	}

	/** A test event whose listener e-mails each recipient. */
	public record MailBatchRequested(String batch, List<String> recipients) {
	}

	/** A test event whose listener e-mails, then fails on its first run (as if its transaction broke afterwards). */
	public record FailsOnceAfterSending(String to) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestListeners {

		@Bean
		MailingListener mailingListener(Emails emails) {
			return new MailingListener(emails);
		}
	}

	static class MailingListener {

		private final Emails emails;
		private final AtomicInteger runs = new AtomicInteger();

		MailingListener(Emails emails) {
			this.emails = emails;
		}

		@ApplicationModuleListener
		void on(MailBatchRequested event) {
			for (int i = 0; i < event.recipients().size(); i++) {
				emails.send(EmailRequest.of("batch:" + event.batch() + ":" + i, event.recipients().get(i),
						"Batch " + event.batch(), "test-message", Map.of("name", "Ada", "number", String.valueOf(i))));
			}
		}

		@ApplicationModuleListener
		void on(FailsOnceAfterSending event) {
			emails.send(EmailRequest.of("fails-once:" + event.to(), event.to(), "Sent once", "test-message",
					Map.of("name", "Ada", "number", "1")));
			if (runs.getAndIncrement() == 0) {
				throw new IllegalStateException("Simulated failure after the e-mail was sent");
			}
		}
	}

	/** The status of the one publication whose event mentions the text, or {@literal null} before it is stored. */
	private String publicationStatus(String eventText) {
		List<String> statuses = jdbc.queryForList("select status from event_publication where serialized_event like ?",
				String.class, "%" + eventText + "%");
		assertThat(statuses).hasSizeLessThanOrEqualTo(1);
		return statuses.isEmpty() ? null : statuses.getFirst();
	}

	private static List<MimeMessage> messagesTo(String recipient) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
			try {
				return Arrays.stream(message.getAllRecipients()).anyMatch(address -> address.toString().equals(recipient));
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static List<Part> leaves(Part part) throws Exception {
		List<Part> leaves = new ArrayList<>();
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				leaves.addAll(leaves(child));
			}
		}
		else {
			leaves.add(part);
		}
		return leaves;
	}

	private static boolean containsAlternative(Part part) throws Exception {
		if (part.getContent() instanceof Multipart multipart) {
			if (multipart.getContentType().startsWith("multipart/alternative")) {
				return true;
			}
			for (int i = 0; i < multipart.getCount(); i++) {
				if (containsAlternative(multipart.getBodyPart(i))) {
					return true;
				}
			}
		}
		return false;
	}
}
