package io.skyport.billing.invoicing;

import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.billing.CreditNoteIssued;
import io.skyport.billing.InvoiceId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.errors.TextRule;

/**
 * Corrections: an issued invoice never changes, so an operator cancels it with a credit note of the same lines,
 * taxed the same way, numbered in the {@code SKC} sequence; the invoice becomes {@code CREDITED}. Its periods stay
 * billed: a corrected invoice is not billed again by the next run.
 */
@Service
class InvoiceCorrections {

	static final TextRule REASON = new TextRule("reason", 500, "Say why the invoice is credited.", "the reason");

	private final JdbcClient jdbc;
	private final DocumentNumbers numbers;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	InvoiceCorrections(JdbcClient jdbc, DocumentNumbers numbers, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.numbers = numbers;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @return the credit note's id and number.
	 * @throws ConflictException if the invoice is a credit note or was credited already.
	 */
	@Transactional
	Map<String, Object> creditInFull(CurrentUser operator, UUID invoiceId, String reasonText) {
		if (!operator.isOperator()) {
			throw new ForbiddenException("Only operators issue credit notes.");
		}
		String reason = REASON.require(reasonText);
		Map<String, Object> invoice = jdbc.sql("""
				select kind, status, number, organisation_id from invoices where id = :id for update
				""")
			.param("id", invoiceId)
			.query()
			.listOfRows()
			.stream()
			.findFirst()
			.orElseThrow(() -> NotFoundException.of("invoice", invoiceId));
		if (!"INVOICE".equals(invoice.get("kind"))) {
			throw new ConflictException(invoice.get("number") + " is a credit note; only invoices are credited.");
		}
		if ("CREDITED".equals(invoice.get("status"))) {
			throw new ConflictException(invoice.get("number") + " was credited already.");
		}
		UUID organisationId = (UUID) invoice.get("organisation_id");
		InvoiceWriter.lockCustomer(jdbc, organisationId);
		UUID id = UUID.randomUUID();
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		jdbc.sql("""
				insert into invoice_lines (invoice_id, position, kind, subscription_id, description, period_from,
					period_to, quantity, unit_price, amount)
				select :id, position, kind, subscription_id, description, period_from, period_to, quantity, unit_price,
					amount
				from invoice_lines where invoice_id = :original
				""").param("id", id).param("original", invoiceId).update();
		jdbc.sql("""
				insert into invoice_taxes (invoice_id, position, label, rate_percent, base, amount)
				select :id, position, label, rate_percent, base, amount from invoice_taxes where invoice_id = :original
				""").param("id", id).param("original", invoiceId).update();
		int sequence = numbers.next(InvoiceKind.CREDIT_NOTE, today.getYear());
		String number = DocumentNumbers.format(InvoiceKind.CREDIT_NOTE, today.getYear(), sequence);
		jdbc.sql("""
				insert into invoices (id, kind, number, number_year, number_sequence, organisation_id, run_id, currency,
					issued_at, issued_on, due_on, issuer_name, issuer_address, issuer_vat_number, issuer_country,
					issuer_email, customer_name, customer_address, customer_vat_number, customer_country,
					customer_email, customer_business, tax_rate_percent, reverse_charge, subtotal, tax_total, total,
					note, credited_invoice_id, status)
				select :id, 'CREDIT_NOTE', :number, :year, :sequence, organisation_id, null, currency, :now, :today,
					:today, issuer_name, issuer_address, issuer_vat_number, issuer_country, issuer_email, customer_name,
					customer_address, customer_vat_number, customer_country, customer_email, customer_business,
					tax_rate_percent, reverse_charge, subtotal, tax_total, total, :note, id, 'OPEN'
				from invoices where id = :original
				""")
			.param("id", id)
			.param("number", number)
			.param("year", today.getYear())
			.param("sequence", sequence)
			.param("now", clock.instant().atOffset(ZoneOffset.UTC))
			.param("today", today)
			.param("note", "Cancels invoice " + invoice.get("number") + ": " + reason, Types.VARCHAR)
			.param("original", invoiceId)
			.update();
		jdbc.sql("update invoices set status = 'CREDITED', status_changed_at = :now where id = :id")
			.param("now", clock.instant().atOffset(ZoneOffset.UTC))
			.param("id", invoiceId)
			.update();
		events.publishEvent(new CreditNoteIssued(new InvoiceId(id), new OrganisationId(organisationId), number,
				new InvoiceId(invoiceId)));
		return Map.of("id", id, "number", number);
	}
}
