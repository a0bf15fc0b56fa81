package io.skyport.billing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;

import io.skyport.accounts.AccountFixtures;
import io.skyport.billing.invoicing.InvoicingFixtures.Customer;
import io.skyport.storage.ObjectStorage;
import io.skyport.storage.StoredObject;
import io.skyport.testing.TestSmtpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * Issued invoices arrive by e-mail over a real SMTP server (GreenMail on 127.0.0.1) with their PDF, once each — also
 * when the server was down during the run. Its own context (SMTP configured, fast retries) on its own database, so no
 * other context runs its retry job; closed after the class.
 */
@SpringBootTest(properties = { "skyport.test.database=invoice_email_tests",
		"skyport.storage.local.root=target/test-objects", "skyport.billing.run.cron=-",
		"skyport.events.retry.interval=200ms", "skyport.events.retry.initial-backoff=200ms",
		"skyport.events.retry.max-backoff=1s" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class InvoiceEmailTests {

	private static final TestSmtpServer smtp = new TestSmtpServer();

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry registry) {
		smtp.register(registry);
	}

	@Autowired
	InvoiceRuns runs;

	@Autowired
	InvoicingFixtures billing;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectStorage storage;

	UUID operator;

	@BeforeEach
	void smtpIsUp() {
		smtp.start();
		operator = accounts.operator().user().userId().id();
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@Test
	void an_issued_invoice_arrives_by_email_with_its_pdf_attached() throws Exception {
		Customer customer = billing.customer();
		billing.subscription(customer, "30.00", "EUR", billing.today());

		runs.run(billing.today(), false, operator);

		InvoiceQueries.InvoiceSummary invoice = invoiceOf(customer);
		MimeMessage message = Awaitility.await().atMost(Duration.ofSeconds(30))
			.until(() -> messagesTo(customer.user().email()), list -> list.size() == 1).getFirst();
		assertThat(message.getSubject()).isEqualTo("Invoice " + invoice.number() + " from Skyport");
		List<Part> parts = leaves(message);
		assertThat(parts).anySatisfy(part -> {
			assertThat(part.getContentType()).startsWith("text/plain");
			assertThat((String) part.getContent()).contains(invoice.number(), "€35.70", invoice.dueOn().toString(),
					"PostgreSQL · Small");
		});
		assertThat(parts).anySatisfy(part -> assertThat(part.getContentType()).startsWith("text/html"));
		Part pdf = parts.stream().filter(part -> contentType(part).startsWith("application/pdf")).findFirst().orElseThrow();
		assertThat(pdf.getFileName()).isEqualTo(invoice.number() + ".pdf");
		byte[] attached = pdf.getInputStream().readAllBytes();
		assertThat(PdfText.of(attached)).contains(invoice.number(), "PostgreSQL · Small", "35.70");
		assertThat(attached).isEqualTo(storage.get(pdfKey(invoice.id())).orElseThrow().openStream().readAllBytes());
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> emailedAt(invoice.id()) != null);
	}

	@Test
	void while_smtp_is_down_pdfs_are_stored_once_and_every_invoice_arrives_once_after_it_is_back() {
		List<Customer> customers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Customer customer = billing.customer();
			billing.subscription(customer, "10.00", "EUR", billing.today());
			customers.add(customer);
		}
		smtp.stop();

		runs.run(billing.today(), false, operator);

		List<UUID> invoices = customers.stream().map(customer -> invoiceOf(customer).id()).toList();
		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (UUID invoice : invoices) {
				assertThat(pdfKey(invoice)).isNotNull();
				assertThat(mailAttempts(invoice)).isGreaterThanOrEqualTo(2);
			}
		});
		Map<UUID, Instant> storedAt = new java.util.HashMap<>();
		for (UUID invoice : invoices) {
			assertThat(emailedAt(invoice)).isNull();
			storedAt.put(invoice, storage.get(pdfKey(invoice)).map(StoredObject::lastModified).orElseThrow());
		}

		smtp.start();

		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (UUID invoice : invoices) {
				assertThat(emailedAt(invoice)).isNotNull();
			}
		});
		for (Customer customer : customers) {
			assertThat(messagesTo(customer.user().email())).hasSize(1);
		}
		for (UUID invoice : invoices) {
			assertThat(storage.get(pdfKey(invoice)).map(StoredObject::lastModified).orElseThrow())
				.as("the retried e-mail did not render and store the PDF again").isEqualTo(storedAt.get(invoice));
		}
	}

	private InvoiceQueries.InvoiceSummary invoiceOf(Customer customer) {
		return jdbc.sql("select id from invoices where organisation_id = :org").param("org", customer.organisationId())
			.query(UUID.class).list().stream()
			.map(id -> invoiceSummary(id))
			.reduce((a, b) -> {
				throw new IllegalStateException("More than one invoice for " + customer.organisationId());
			})
			.orElseThrow();
	}

	@Autowired
	InvoiceQueries queries;

	private InvoiceQueries.InvoiceSummary invoiceSummary(UUID id) {
		return queries.details(id).summary();
	}

	private String pdfKey(UUID invoice) {
		return (String) row(invoice).get("pdf_key");
	}

	private Object emailedAt(UUID invoice) {
		return row(invoice).get("emailed_at");
	}

	private Map<String, Object> row(UUID invoice) {
		return jdbc.sql("select pdf_key, emailed_at from invoices where id = :id").param("id", invoice).query()
			.singleRow();
	}

	private int mailAttempts(UUID invoice) {
		return jdbc.sql("select coalesce(max(attempts), 0) from email_deliveries where idempotency_key = :key")
			.param("key", "invoice:" + invoice).query(Integer.class).single();
	}

	private static String contentType(Part part) {
		try {
			return part.getContentType();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Invoices and credit notes e-mailed to the address (its owner also got a welcome message). */
	private static List<MimeMessage> messagesTo(String recipient) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
			try {
				return message.getSubject().matches("(Invoice|Credit note) SK[YC]-.*")
						&& Arrays.stream(message.getAllRecipients()).anyMatch(address -> address.toString().equals(recipient));
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
}
