package io.skyport.billing.invoicing;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import io.skyport.notifications.Attachment;
import io.skyport.notifications.EmailRequest;
import io.skyport.notifications.Emails;

/**
 * E-mails each issued document to the customer's billing address with its stored PDF attached (templates
 * {@code email/invoice-issued}), once per document (idempotency key {@code invoice:<id>}). When the SMTP server is
 * down, {@link Emails#send} throws, this listener fails, and the platform resubmits its publication with backoff: the
 * retry reads the stored PDF again, it never renders it again.
 */
@Component
class InvoiceMailer {

	static final String TEMPLATE = "invoice-issued";

	private final InvoiceQueries queries;
	private final InvoiceDocuments documents;
	private final Emails emails;
	private final JdbcClient jdbc;
	private final Clock clock;

	InvoiceMailer(InvoiceQueries queries, InvoiceDocuments documents, Emails emails, JdbcClient jdbc, Clock clock) {
		this.queries = queries;
		this.documents = documents;
		this.emails = emails;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A line as the e-mail lists it. */
	record EmailLine(String description, String amount) {
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(InvoiceDocumentStored stored) {
		send(stored.invoiceId());
	}

	void send(UUID id) {
		InvoiceQueries.InvoiceDetails details = queries.details(id);
		if (details.emailedAt() != null) {
			return;
		}
		InvoiceQueries.InvoiceSummary summary = details.summary();
		String email = details.customer().email();
		if (email == null) {
			throw new IllegalStateException(summary.number() + " has no billing e-mail address");
		}
		String kind = summary.kind().label();
		emails.send(new EmailRequest("invoice:" + id, email,
				kind + " " + summary.number() + " from " + details.issuer().name(), TEMPLATE,
				Map.of("kind", kind, "creditNote", summary.kind() == InvoiceKind.CREDIT_NOTE, "number", summary.number(),
						"invoiceId", id.toString(), "customerName", details.customer().name(),
						"total", summary.total().display(), "dueOn", summary.dueOn().toString(),
						"lines", details.lines().stream()
							.map(line -> new EmailLine(line.description(), line.amount().display()))
							.toList(),
						"issuerName", details.issuer().name(),
						"issuerEmail", details.issuer().email() == null ? "" : details.issuer().email()),
				List.of(new Attachment(summary.number() + ".pdf", InvoiceDocuments.CONTENT_TYPE,
						documents.stored(details)))));
		jdbc.sql("update invoices set emailed_at = :at where id = :id and emailed_at is null")
			.param("at", clock.instant().atOffset(ZoneOffset.UTC))
			.param("id", id)
			.update();
	}
}
