package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.OrganisationId;
import io.skyport.billing.CreditNoteIssued;
import io.skyport.billing.InvoiceId;
import io.skyport.billing.InvoiceIssued;
import io.skyport.billing.invoicing.Guards.BilledPeriod;
import io.skyport.billing.invoicing.Guards.CreditedPeriod;
import io.skyport.billing.invoicing.Guards.SettledUsage;
import io.skyport.platform.money.Money;

/**
 * Issues one customer's documents in one transaction: first the guards (a period already billed by another run
 * rolls everything back), then lines and taxes, then — last, so the counter row stays locked as briefly as
 * possible — each document with its number and tax line in one statement (the counter upsert of
 * {@link DocumentNumbers}, inlined), and the events.
 * <p>
 * The counter row stays locked until the commit, so issuing is as fast as commits can follow each other. With
 * {@code skyport.billing.run.async-commit} (the default) the issuing transaction commits without waiting for its WAL
 * flush (PostgreSQL's {@code synchronous_commit = off}, for this transaction only): still atomic, and a crash can only
 * lose the last fraction of a second of issued documents together with their numbers — the WAL is sequential, so
 * the numbers that survive stay gapless. Nothing leaves Skyport before it is durable: the PDF listener's own
 * (synchronous) commit flushes the WAL past the invoice before the e-mail is sent.
 */
@Component
class InvoiceWriter {

	/** The first key of invoicing's advisory locks (the second is the customer's). */
	private static final int LOCK_CLASS = 0x534B4956;

	private final JdbcClient jdbc;
	private final JdbcTemplate batches;
	private final ApplicationEventPublisher events;
	private final InvoicingSettings settings;

	InvoiceWriter(JdbcClient jdbc, JdbcTemplate batches, ApplicationEventPublisher events, InvoicingSettings settings) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.events = events;
		this.settings = settings;
	}

	/** A document as issued. */
	record Issued(UUID id, InvoiceKind kind, String number, String currency, Money total) {
	}

	/**
	 * Another run settled some of these periods first: the whole customer is rolled back; the next run sees what is
	 * still due.
	 */
	static final class AlreadySettledException extends RuntimeException {

		AlreadySettledException(String message) {
			super(message);
		}
	}

	/**
	 * @param runId the run issuing it, if any.
	 * @throws AlreadySettledException if another run billed, settled or credited one of the periods first.
	 */
	@Transactional
	List<Issued> issue(CustomerPlan plan, Party issuer, @Nullable UUID runId, Instant now, LocalDate issuedOn) {
		if (plan.customer() == null) {
			throw new IllegalArgumentException("Organisation " + plan.organisationId() + " has no billing details");
		}
		jdbc.sql("""
				select set_config('synchronous_commit', case when :async then 'off' else 'on' end, true),
					pg_advisory_xact_lock(:class, hashtext(:organisation))
				""")
			.param("async", settings.run().asyncCommit())
			.param("class", LOCK_CLASS)
			.param("organisation", plan.organisationId().toString())
			.query()
			.listOfRows();
		List<DraftDocument> documents = plan.documents().stream()
			.sorted(Comparator.comparing(DraftDocument::kind))
			.toList();
		List<UUID> ids = documents.stream().map(document -> UUID.randomUUID()).toList();
		writeGuards(plan.withoutDocument(), null);
		for (int i = 0; i < documents.size(); i++) {
			writeGuards(documents.get(i).guards(), ids.get(i));
			writeLinesAndTaxes(ids.get(i), documents.get(i));
		}
		List<Issued> issued = new ArrayList<>();
		for (int i = 0; i < documents.size(); i++) {
			issued.add(writeDocument(ids.get(i), documents.get(i), plan, issuer, runId, now, issuedOn));
		}
		OrganisationId organisationId = new OrganisationId(plan.organisationId());
		for (Issued document : issued) {
			events.publishEvent(document.kind() == InvoiceKind.INVOICE
					? new InvoiceIssued(new InvoiceId(document.id()), organisationId, document.number())
					: new CreditNoteIssued(new InvoiceId(document.id()), organisationId, document.number(), null));
		}
		return issued;
	}

	/**
	 * Serialises invoicing work on one customer (issuing, recording usage) across runs and servers until the
	 * transaction ends.
	 */
	static void lockCustomer(JdbcClient jdbc, UUID organisationId) {
		jdbc.sql("select pg_advisory_xact_lock(:class, hashtext(:organisation))")
			.param("class", LOCK_CLASS)
			.param("organisation", organisationId.toString())
			.query()
			.listOfRows();
	}

	/** The shared form of {@link #lockCustomer}: usage records of a customer may be added in parallel. */
	static void lockCustomerShared(JdbcClient jdbc, UUID organisationId) {
		jdbc.sql("select pg_advisory_xact_lock_shared(:class, hashtext(:organisation))")
			.param("class", LOCK_CLASS)
			.param("organisation", organisationId.toString())
			.query()
			.listOfRows();
	}

	private void writeGuards(Guards guards, @Nullable UUID documentId) {
		if (guards.isEmpty()) {
			return;
		}
		List<Object[]> periods = new ArrayList<>();
		for (BilledPeriod period : guards.periods()) {
			periods.add(new Object[] { period.subscriptionId(), period.periodStart(), period.periodEnd(),
					period.billedUntil(), period.monthlyPrice().amount(), documentId });
		}
		requireAllWritten("period", batches.batchUpdate("""
				insert into billed_periods (subscription_id, period_start, period_end, billed_until, monthly_price,
					invoice_id)
				values (?, ?, ?, ?, ?, ?) on conflict do nothing
				""", periods, new int[] { Types.OTHER, Types.DATE, Types.DATE, Types.DATE, Types.NUMERIC, Types.OTHER }));
		for (SettledUsage usage : guards.usage()) {
			int written = jdbc.sql("""
					insert into billed_usage_periods (subscription_id, period_start, period_end, used_gib, included_gib,
						billed_gib, invoice_id)
					values (:subscription, :start, :end, :used, :included, :billed, :invoice) on conflict do nothing
					""")
				.param("subscription", usage.subscriptionId())
				.param("start", usage.periodStart())
				.param("end", usage.periodEnd())
				.param("used", usage.usedGib())
				.param("included", usage.includedGib())
				.param("billed", usage.billedGib())
				.param("invoice", documentId, Types.OTHER)
				.update();
			requireAllWritten("usage period", new int[] { written });
			BigDecimal settled = jdbc.sql("""
					with settled as (
						update usage_records set settled_period_start = :start
						where subscription_id = :subscription and settled_period_start is null and metric = 'bandwidth'
							and hour >= :from and hour < :to
						returning quantity)
					select coalesce(sum(quantity), 0) from settled
					""")
				.param("start", usage.periodStart())
				.param("subscription", usage.subscriptionId())
				.param("from", midnight(usage.periodStart()))
				.param("to", midnight(usage.periodEnd()))
				.query(BigDecimal.class)
				.single();
			if (settled.compareTo(usage.usedGib()) != 0) {
				throw new AlreadySettledException("The usage of subscription " + usage.subscriptionId() + " from "
						+ usage.periodStart() + " changed during the run (" + settled.toPlainString() + " GiB instead of "
						+ usage.usedGib().toPlainString() + "); the next run bills it");
			}
		}
		for (Guards.SettledServerHours hours : guards.serverHours()) {
			int settled = jdbc.sql("""
					update usage_records set settled_period_start = :period
					where metric = 'server_hours' and settled_period_start is null and organisation_id = :organisation
						and instance_id = :instance and description = :description and currency = :currency
						and unit_price = :price and hour < :before
					""")
				.param("period", hours.before().minusMonths(1))
				.param("organisation", hours.organisationId())
				.param("instance", hours.instanceId())
				.param("description", hours.description())
				.param("currency", hours.currency())
				.param("price", hours.unitPrice())
				.param("before", midnight(hours.before()))
				.update();
			if (settled != hours.hours()) {
				throw new AlreadySettledException("The hours of server " + hours.description() + " changed during the "
						+ "run (" + settled + " instead of " + hours.hours() + "); the next run bills them");
			}
		}
		List<Object[]> credits = new ArrayList<>();
		for (CreditedPeriod credit : guards.credits()) {
			credits.add(new Object[] { credit.subscriptionId(), credit.periodStart(), credit.creditedFrom(),
					(int) credit.days(), credit.amount().amount(), credit.amount().isZero() ? null : documentId });
		}
		if (credits.isEmpty()) {
			return;
		}
		requireAllWritten("credit", batches.batchUpdate("""
				insert into credited_periods (subscription_id, period_start, credited_from, days, amount, invoice_id)
				values (?, ?, ?, ?, ?, ?) on conflict do nothing
				""", credits, new int[] { Types.OTHER, Types.DATE, Types.DATE, Types.INTEGER, Types.NUMERIC, Types.OTHER }));
	}

	private void writeLinesAndTaxes(UUID id, DraftDocument document) {
		List<Object[]> lines = new ArrayList<>();
		int position = 1;
		for (DraftLine line : document.lines()) {
			lines.add(new Object[] { id, position++, line.kind().name(), line.subscriptionId(), line.description(),
					line.from(), line.to(), line.quantity(), line.unitPrice(), line.amount().amount() });
		}
		batches.batchUpdate("""
				insert into invoice_lines (invoice_id, position, kind, subscription_id, description, period_from,
					period_to, quantity, unit_price, amount)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", lines, new int[] { Types.OTHER, Types.INTEGER, Types.VARCHAR, Types.OTHER, Types.VARCHAR, Types.DATE,
				Types.DATE, Types.NUMERIC, Types.NUMERIC, Types.NUMERIC });
	}

	private Issued writeDocument(UUID id, DraftDocument document, CustomerPlan plan, Party issuer,
			@Nullable UUID runId, Instant now, LocalDate issuedOn) {
		Party customer = plan.customer();
		int year = issuedOn.getYear();
		LocalDate dueOn = document.kind() == InvoiceKind.INVOICE ? issuedOn.plus(settings.paymentTerms()) : issuedOn;
		TaxTreatment.TaxLine tax = document.taxLine();
		String number = jdbc.sql("""
				with counter as (
					insert into document_number_counters (prefix, year, last_number) values (:prefix, :year, 1)
					on conflict (prefix, year) do update set last_number = document_number_counters.last_number + 1
					returning last_number),
				document as (
					insert into invoices (id, kind, number, number_year, number_sequence, organisation_id, run_id,
						currency, issued_at, issued_on, due_on, issuer_name, issuer_address, issuer_vat_number,
						issuer_country, issuer_email, customer_name, customer_address, customer_vat_number,
						customer_country, customer_email, customer_business, tax_rate_percent, reverse_charge, subtotal,
						tax_total, total, note, status)
					select :id, :kind, :prefix || '-' || lpad(:year::text, 4, '0') || '-'
							|| case when last_number < 1000000 then lpad(last_number::text, 6, '0') else last_number::text end,
						:year, last_number, :organisation, :run, :currency, :issuedAt, :issuedOn, :dueOn, :issuerName,
						:issuerAddress, :issuerVat, :issuerCountry, :issuerEmail, :customerName, :customerAddress,
						:customerVat, :customerCountry, :customerEmail, :business, :rate, :reverseCharge, :subtotal, :tax,
						:total, :note, 'OPEN'
					from counter
					returning number),
				taxes as (
					insert into invoice_taxes (invoice_id, position, label, rate_percent, base, amount)
					values (:id, 1, :taxLabel, :rate, :subtotal, :tax))
				select number from document
				""")
			.param("prefix", document.kind().prefix())
			.param("id", id)
			.param("kind", document.kind().name())
			.param("year", year)
			.param("organisation", plan.organisationId())
			.param("run", runId, Types.OTHER)
			.param("currency", document.currency())
			.param("issuedAt", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.param("issuedOn", issuedOn)
			.param("dueOn", dueOn)
			.param("issuerName", issuer.name())
			.param("issuerAddress", issuer.addressLines().toArray(String[]::new))
			.param("issuerVat", issuer.vatNumber(), Types.VARCHAR)
			.param("issuerCountry", issuer.country())
			.param("issuerEmail", issuer.email(), Types.VARCHAR)
			.param("customerName", customer.name())
			.param("customerAddress", customer.addressLines().toArray(String[]::new))
			.param("customerVat", customer.vatNumber(), Types.VARCHAR)
			.param("customerCountry", customer.country())
			.param("customerEmail", customer.email())
			.param("business", customer.business())
			.param("rate", document.tax().ratePercent())
			.param("reverseCharge", document.tax().reverseCharge())
			.param("subtotal", document.subtotal().amount())
			.param("tax", tax.amount().amount())
			.param("taxLabel", tax.label())
			.param("total", document.total().amount())
			.param("note", document.note(), Types.VARCHAR)
			.query(String.class)
			.single();
		return new Issued(id, document.kind(), number, document.currency(), document.total());
	}

	private static OffsetDateTime midnight(LocalDate day) {
		return day.atStartOfDay().atOffset(ZoneOffset.UTC);
	}

	private static void requireAllWritten(String what, int[] counts) {
		for (int count : counts) {
			if (count == 0) {
				throw new AlreadySettledException("Another run invoiced this customer at the same time (a " + what
						+ " was settled already)");
			}
		}
	}
}
