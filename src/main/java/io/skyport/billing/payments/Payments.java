package io.skyport.billing.payments;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.billing.InvoiceId;
import io.skyport.billing.InvoicePaid;
import io.skyport.billing.PaymentRecorded;
import io.skyport.billing.SubscriptionId;
import io.skyport.billing.SubscriptionManagement;
import io.skyport.billing.invoicing.InvoiceStatuses;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.money.Money;

/**
 * Payments against invoices. One payment settles an invoice in full: its amount must equal the invoice's total in the
 * invoice's currency (partial payments are not supported). Recording it marks the invoice {@code PAID}, resumes the
 * subscriptions dunning suspended for it (unless another unpaid invoice keeps them suspended) and publishes
 * {@link InvoicePaid}, all in one transaction.
 */
@Service
public class Payments {

	private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,15}(\\.[0-9]+)?");
	private static final int MAX_REFERENCE = 200;

	private final JdbcClient jdbc;
	private final InvoiceStatuses statuses;
	private final SubscriptionManagement subscriptions;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Payments(JdbcClient jdbc, InvoiceStatuses statuses, SubscriptionManagement subscriptions,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.statuses = statuses;
		this.subscriptions = subscriptions;
		this.events = events;
		this.clock = clock;
	}

	/** A payment as operators typed it: every field as text, checked here. */
	public record PaymentRequest(@Nullable String amount, @Nullable String paidOn, @Nullable String reference) {
	}

	/** A recorded payment. */
	public record Payment(UUID id, UUID invoiceId, String invoiceNumber, String customer, Money amount,
			LocalDate paidOn, String reference, String gateway, Instant recordedAt) {
	}

	/** An open invoice, for the operators' payment form. */
	public record OpenInvoice(UUID id, String number, String customer, LocalDate dueOn, Money total) {
	}

	private record Invoice(UUID id, String number, String kind, String status, UUID organisationId, String currency,
			BigDecimal total) {
	}

	/**
	 * Records a payment (operators only).
	 *
	 * @throws NotFoundException for an unknown invoice.
	 * @throws ConflictException for a credit note or an invoice that is not open (paid or credited).
	 * @throws InvalidInputException for a malformed, negative or wrong amount, a date that is malformed or in the
	 * future, or a missing reference.
	 */
	@Transactional
	public Payment record(CurrentUser user, UUID invoiceId, PaymentRequest request) {
		if (!user.isOperator()) {
			throw new ForbiddenException("Only operators record payments.");
		}
		Invoice invoice = jdbc.sql("""
				select id, number, kind, status, organisation_id, currency, total from invoices where id = :id for update
				""")
			.param("id", invoiceId)
			.query((rs, row) -> new Invoice(rs.getObject("id", UUID.class), rs.getString("number"),
					rs.getString("kind"), rs.getString("status"), rs.getObject("organisation_id", UUID.class),
					rs.getString("currency"), rs.getBigDecimal("total")))
			.optional()
			.orElseThrow(() -> NotFoundException.of("invoice", invoiceId));
		if (!invoice.kind().equals("INVOICE")) {
			throw new ConflictException(invoice.number() + " is a credit note: only invoices take payments.");
		}
		if (!invoice.status().equals("OPEN")) {
			throw new ConflictException("Invoice " + invoice.number() + " is "
					+ invoice.status().toLowerCase(Locale.ROOT) + " already: there is nothing left to pay.");
		}
		Money total = Money.rounded(invoice.total(), invoice.currency());
		Checked checked = check(request, total);
		Instant now = clock.instant();
		UUID id = UUID.randomUUID();
		try {
			jdbc.sql("""
					insert into payments (id, invoice_id, amount, currency, paid_on, reference, gateway, recorded_by,
						recorded_at)
					values (:id, :invoice, :amount, :currency, :paidOn, :reference, :gateway, :by, :at)
					""")
				.param("id", id)
				.param("invoice", invoiceId)
				.param("amount", checked.amount().amount())
				.param("currency", invoice.currency())
				.param("paidOn", checked.paidOn())
				.param("reference", checked.reference())
				.param("gateway", ManualPaymentGateway.NAME)
				.param("by", user.userId().id())
				.param("at", now.atOffset(ZoneOffset.UTC))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("Invoice " + invoice.number() + " has a payment already.");
		}
		events.publishEvent(new PaymentRecorded(id, new InvoiceId(invoiceId), invoice.number(),
				new OrganisationId(invoice.organisationId()), checked.amount(), user.userId(), now));
		statuses.markPaid(new InvoiceId(invoiceId), now);
		resumeSuspendedFor(invoiceId);
		events.publishEvent(new InvoicePaid(new InvoiceId(invoiceId), new OrganisationId(invoice.organisationId())));
		return payments("where p.id = :payment", id, 1).getFirst();
	}

	/**
	 * The payments of an invoice: the owner's organisation and operators.
	 *
	 * @throws NotFoundException for an unknown invoice or another organisation's.
	 */
	@Transactional(readOnly = true)
	public List<Payment> of(CurrentUser user, UUID invoiceId) {
		boolean visible = jdbc.sql("select count(*) from invoices where id = :id and (:all or organisation_id = :org)")
			.param("id", invoiceId)
			.param("all", user.isOperator())
			.param("org", user.organisationId().id())
			.query(Long.class).single() > 0;
		if (!visible) {
			throw NotFoundException.of("invoice", invoiceId);
		}
		return payments("where p.invoice_id = :invoice", invoiceId, 1000);
	}

	/** The latest payments, newest first (operators). */
	@Transactional(readOnly = true)
	public List<Payment> recent(CurrentUser user, int limit) {
		operatorOnly(user);
		return payments("", null, limit);
	}

	/** Open invoices, oldest due first (operators), for the payment form. */
	@Transactional(readOnly = true)
	public List<OpenInvoice> openInvoices(CurrentUser user, int limit) {
		operatorOnly(user);
		return jdbc.sql("""
				select id, number, customer_name, due_on, total, currency from invoices
				where status = 'OPEN' and kind = 'INVOICE' order by due_on, number limit :limit
				""")
			.param("limit", limit)
			.query((rs, row) -> new OpenInvoice(rs.getObject("id", UUID.class), rs.getString("number"),
					rs.getString("customer_name"), rs.getObject("due_on", LocalDate.class),
					Money.rounded(rs.getBigDecimal("total"), rs.getString("currency"))))
			.list();
	}

	private void operatorOnly(CurrentUser user) {
		if (!user.isOperator()) {
			throw new ForbiddenException("Only operators see all payments.");
		}
	}

	private List<Payment> payments(String where, @Nullable UUID id, int limit) {
		var sql = jdbc.sql("""
				select p.*, i.number, i.customer_name from payments p join invoices i on i.id = p.invoice_id
				""" + where + " order by p.recorded_at desc, p.id limit :limit")
			.param("limit", limit);
		if (id != null) {
			sql = sql.param(where.contains(":payment") ? "payment" : "invoice", id);
		}
		return sql.query((rs, row) -> new Payment(rs.getObject("id", UUID.class),
				rs.getObject("invoice_id", UUID.class), rs.getString("number"), rs.getString("customer_name"),
				Money.rounded(rs.getBigDecimal("amount"), rs.getString("currency")),
				rs.getObject("paid_on", LocalDate.class), rs.getString("reference"), rs.getString("gateway"),
				rs.getObject("recorded_at", java.time.OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Resumes the subscriptions on the invoice that dunning suspended for it, unless another open invoice that
	 * dunning suspended them for still bills them.
	 */
	private void resumeSuspendedFor(UUID invoiceId) {
		List<UUID> suspended = jdbc.sql("""
				select distinct s.id from invoice_lines l join subscriptions s on s.id = l.subscription_id
				where l.invoice_id = :invoice and s.state = 'SUSPENDED'
				  and exists (select 1 from dunning_steps d where d.invoice_id = :invoice and d.step = 'SUSPEND')
				  and not exists (select 1 from invoice_lines other
					join invoices i on i.id = other.invoice_id and i.status = 'OPEN' and i.id <> :invoice
					join dunning_steps d on d.invoice_id = i.id and d.step = 'SUSPEND'
					where other.subscription_id = s.id)
				order by s.id
				""")
			.param("invoice", invoiceId)
			.query(UUID.class).list();
		suspended.forEach(subscription -> subscriptions.resume(new SubscriptionId(subscription)));
	}

	private record Checked(Money amount, LocalDate paidOn, String reference) {
	}

	private Checked check(PaymentRequest request, Money total) {
		List<Violation> violations = new ArrayList<>();
		Money amount = amount(request.amount(), total, violations);
		LocalDate paidOn = paidOn(request.paidOn(), violations);
		String reference = request.reference() == null ? "" : request.reference().strip();
		if (reference.isEmpty()) {
			violations.add(new Violation("reference", "Enter the payment's reference, e.g. the bank transfer's."));
		}
		else if (reference.length() > MAX_REFERENCE || reference.chars().anyMatch(Character::isISOControl)) {
			violations.add(new Violation("reference",
					"The reference must be one line of at most " + MAX_REFERENCE + " characters."));
		}
		if (!violations.isEmpty() || amount == null || paidOn == null) {
			throw new InvalidInputException(violations);
		}
		return new Checked(amount, paidOn, reference);
	}

	private static @Nullable Money amount(@Nullable String text, Money total, List<Violation> violations) {
		String value = text == null ? "" : text.strip();
		int decimals = Currency.getInstance(total.currency()).getDefaultFractionDigits();
		if (value.isEmpty()) {
			violations.add(new Violation("amount", "Enter the amount paid, e.g. \"" + total.amount() + "\"."));
			return null;
		}
		if (value.startsWith("-")) {
			violations.add(new Violation("amount", "The amount cannot be negative."));
			return null;
		}
		if (!AMOUNT.matcher(value).matches()) {
			violations.add(new Violation("amount",
					"'" + abbreviate(value) + "' is not an amount: use digits and a decimal point, e.g. \""
							+ total.amount() + "\"."));
			return null;
		}
		BigDecimal amount = new BigDecimal(value);
		if (amount.scale() > decimals) {
			violations.add(new Violation("amount",
					total.currency() + " amounts have at most " + decimals + " decimals; " + value + " has more."));
			return null;
		}
		if (amount.signum() == 0) {
			violations.add(new Violation("amount", "The amount must be more than zero."));
			return null;
		}
		if (amount.compareTo(total.amount()) != 0) {
			violations.add(new Violation("amount", "The amount must equal the invoice's open total of "
					+ total.amount() + " " + total.currency() + " (partial payments are not supported)."));
			return null;
		}
		return Money.rounded(amount, total.currency());
	}

	private @Nullable LocalDate paidOn(@Nullable String text, List<Violation> violations) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		if (text == null || text.isBlank()) {
			violations.add(new Violation("paidOn", "Enter the day the money arrived, e.g. \"" + today + "\"."));
			return null;
		}
		try {
			LocalDate day = LocalDate.parse(text.strip());
			if (day.isAfter(today)) {
				violations.add(new Violation("paidOn", "The payment day cannot be in the future."));
				return null;
			}
			return day;
		}
		catch (java.time.format.DateTimeParseException ex) {
			violations.add(new Violation("paidOn",
					"'" + abbreviate(text) + "' is not a date: use YYYY-MM-DD, e.g. \"" + today + "\"."));
			return null;
		}
	}

	private static String abbreviate(String text) {
		return text.length() > 40 ? text.substring(0, 40) + "…" : text;
	}
}
