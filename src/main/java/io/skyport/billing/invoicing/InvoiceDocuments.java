package io.skyport.billing.invoicing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.accounts.CurrentUser;
import io.skyport.billing.CreditNoteIssued;
import io.skyport.billing.InvoiceIssued;
import io.skyport.billing.documents.InvoiceDocument;
import io.skyport.billing.documents.InvoicePdfRenderer;
import io.skyport.storage.ObjectStorage;
import io.skyport.storage.StoredObject;

/**
 * The PDF of every issued document: rendered once after it is issued (outside any database transaction, at most
 * {@code skyport.billing.documents.render-threads} at a time), stored privately under
 * {@code invoices/<year>/<number>.pdf}, then marked ({@code pdf_key}) and announced ({@link InvoiceDocumentStored})
 * in one short transaction. A listener that fails before the mark is simply retried; one that already marked does
 * nothing again.
 */
@Service
class InvoiceDocuments {

	static final String CONTENT_TYPE = "application/pdf";

	private final InvoiceQueries queries;
	private final InvoicePdfRenderer renderer;
	private final ObjectStorage storage;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final Semaphore rendering;
	private final byte @Nullable [] logo;

	InvoiceDocuments(InvoiceQueries queries, InvoicePdfRenderer renderer, ObjectStorage storage, JdbcClient jdbc,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager,
			InvoicingSettings settings) {
		this.queries = queries;
		this.renderer = renderer;
		this.storage = storage;
		this.jdbc = jdbc;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.rendering = new Semaphore(Math.max(1, settings.documents().renderThreads()));
		this.logo = logo(settings.issuer());
	}

	/** A PDF as downloaded. */
	record Pdf(String filename, byte[] content) {
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(InvoiceIssued issued) {
		store(issued.invoiceId().id());
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(CreditNoteIssued issued) {
		store(issued.creditNoteId().id());
	}

	/** Renders and stores the document's PDF unless that happened already. */
	void store(UUID id) {
		InvoiceQueries.InvoiceDetails details = queries.details(id);
		if (details.pdfKey() != null) {
			return;
		}
		byte[] pdf = render(details);
		String key = key(details);
		storage.put(key, new ByteArrayInputStream(pdf), pdf.length, CONTENT_TYPE);
		transactions.executeWithoutResult(status -> {
			int marked = jdbc.sql("update invoices set pdf_key = :key where id = :id and pdf_key is null")
				.param("key", key)
				.param("id", id)
				.update();
			if (marked == 1) {
				events.publishEvent(new InvoiceDocumentStored(id));
			}
		});
	}

	/**
	 * The PDF for a reader: the stored one, or — in the moment between issue and storage — rendered on the spot.
	 *
	 * @throws io.skyport.platform.errors.NotFoundException if it does not exist or belongs to another organisation.
	 */
	Pdf pdf(CurrentUser user, UUID id) {
		InvoiceQueries.InvoiceDetails details = queries.get(user, id);
		String filename = details.summary().number() + ".pdf";
		if (details.pdfKey() != null) {
			StoredObject stored = storage.get(details.pdfKey()).orElse(null);
			if (stored != null) {
				return new Pdf(filename, read(stored));
			}
		}
		return new Pdf(filename, render(details));
	}

	/** The stored PDF of a document that has one. */
	byte[] stored(InvoiceQueries.InvoiceDetails details) {
		String key = details.pdfKey();
		if (key == null) {
			throw new IllegalStateException(details.summary().number() + " has no stored PDF yet");
		}
		return read(storage.get(key)
			.orElseThrow(() -> new IllegalStateException("The PDF of " + details.summary().number() + " is missing: " + key)));
	}

	static String key(InvoiceQueries.InvoiceDetails details) {
		return "invoices/" + details.summary().issuedOn().getYear() + "/" + details.summary().number() + ".pdf";
	}

	private byte[] render(InvoiceQueries.InvoiceDetails details) {
		InvoiceDocument document = document(details, logo);
		rendering.acquireUninterruptibly();
		try {
			return renderer.render(document);
		}
		finally {
			rendering.release();
		}
	}

	/** The document as printed, from what was frozen when it was issued. */
	static InvoiceDocument document(InvoiceQueries.InvoiceDetails details, byte @Nullable [] logo) {
		InvoiceQueries.InvoiceSummary summary = details.summary();
		String currency = summary.currency();
		return new InvoiceDocument(
				summary.kind() == InvoiceKind.INVOICE ? InvoiceDocument.Kind.INVOICE : InvoiceDocument.Kind.CREDIT_NOTE,
				summary.number(), summary.issuedOn(), summary.dueOn(), party(details.issuer()), party(details.customer()),
				currency,
				details.lines().stream()
					.map(line -> new InvoiceDocument.Line(line.description(), line.from(), line.to(), line.quantity(),
							line.unitPrice(), line.amount().amount()))
					.toList(),
				details.subtotal().amount(),
				details.taxes().stream()
					.map(tax -> new InvoiceDocument.TaxLine(tax.label(), tax.ratePercent(), tax.base().amount(),
							tax.amount().amount()))
					.toList(),
				summary.total().amount(), details.note(), logo);
	}

	private static InvoiceDocument.Party party(Party party) {
		return new InvoiceDocument.Party(party.name(), party.addressLines(), party.vatNumber(), party.email());
	}

	private static byte[] read(StoredObject stored) {
		try (InputStream in = stored.openStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + stored.key(), ex);
		}
	}

	private static byte @Nullable [] logo(InvoicingSettings.Issuer issuer) {
		if (issuer.logoPath() == null) {
			return null;
		}
		try {
			return Files.readAllBytes(issuer.logoPath());
		}
		catch (IOException ex) {
			throw new IllegalStateException("skyport.billing.issuer.logo-path: cannot read " + issuer.logoPath(), ex);
		}
	}
}
