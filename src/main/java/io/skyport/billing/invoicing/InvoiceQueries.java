package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.money.Money;

/**
 * Issued documents as their readers see them: a customer sees its own organisation's, an operator everyone's; anyone
 * else's document does not exist for the caller (404).
 */
@Service
class InvoiceQueries {

	static final int MAX_PAGE_SIZE = 500;

	private final JdbcClient jdbc;

	InvoiceQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A document in a list. */
	record InvoiceSummary(UUID id, InvoiceKind kind, String number, UUID organisationId, String customer,
			Instant issuedAt, LocalDate issuedOn, LocalDate dueOn, Money total, InvoiceStatus status) {

		public String currency() {
			return total.currency();
		}
	}

	/** A document with everything printed on it. */
	record InvoiceDetails(InvoiceSummary summary, Party issuer, Party customer, List<Line> lines, List<Tax> taxes,
			Money subtotal, @Nullable String note, @Nullable String pdfKey, @Nullable Instant emailedAt) {

		public boolean pdfStored() {
			return pdfKey != null;
		}
	}

	record Line(int position, String kind, @Nullable UUID subscriptionId, String description, @Nullable LocalDate from,
			@Nullable LocalDate to, BigDecimal quantity, BigDecimal unitPrice, Money amount) {
	}

	record Tax(String label, BigDecimal ratePercent, Money base, Money amount) {
	}

	/** Newest first; a page of at most {@value #MAX_PAGE_SIZE}. */
	@Transactional(readOnly = true)
	List<InvoiceSummary> list(CurrentUser user, int page, int size) {
		int limit = Math.clamp(size, 1, MAX_PAGE_SIZE);
		return jdbc.sql("""
				select id, kind, number, organisation_id, customer_name, issued_at, issued_on, due_on, total, currency,
					status
				from invoices
				where (:all or organisation_id = :organisation)
				order by issued_at desc, number desc
				limit :limit offset :offset
				""")
			.param("all", user.isOperator())
			.param("organisation", user.organisationId().id())
			.param("limit", limit)
			.param("offset", (long) Math.max(0, page) * limit)
			.query((rs, row) -> summary(rs))
			.list();
	}

	/** @throws NotFoundException if it does not exist or belongs to another organisation. */
	@Transactional(readOnly = true)
	InvoiceDetails get(CurrentUser user, UUID id) {
		InvoiceDetails details = details(id);
		if (!user.isOperator() && !details.summary().organisationId().equals(user.organisationId().id())) {
			throw NotFoundException.of("invoice", id);
		}
		return details;
	}

	/** Any document, for billing's own use (rendering, e-mailing): no authorization. */
	@Transactional(readOnly = true)
	InvoiceDetails details(UUID id) {
		InvoiceDetails details = jdbc.sql("select * from invoices where id = :id")
			.param("id", id)
			.query((rs, row) -> details(rs))
			.optional()
			.orElseThrow(() -> NotFoundException.of("invoice", id));
		String currency = details.summary().currency();
		List<Line> lines = jdbc.sql("select * from invoice_lines where invoice_id = :id order by position")
			.param("id", id)
			.query((rs, row) -> new Line(rs.getInt("position"), rs.getString("kind"), BillingReads.uuid(rs, "subscription_id"),
					rs.getString("description"), BillingReads.nullableDate(rs, "period_from"),
					BillingReads.nullableDate(rs, "period_to"), rs.getBigDecimal("quantity").stripTrailingZeros(),
					unitPrice(rs.getBigDecimal("unit_price"), currency), BillingReads.money(rs.getBigDecimal("amount"), currency)))
			.list();
		List<Tax> taxes = jdbc.sql("select * from invoice_taxes where invoice_id = :id order by position")
			.param("id", id)
			.query((rs, row) -> new Tax(rs.getString("label"), rs.getBigDecimal("rate_percent").stripTrailingZeros(),
					BillingReads.money(rs.getBigDecimal("base"), currency),
					BillingReads.money(rs.getBigDecimal("amount"), currency)))
			.list();
		return new InvoiceDetails(details.summary(), details.issuer(), details.customer(), lines, taxes,
				details.subtotal(), details.note(), details.pdfKey(), details.emailedAt());
	}

	/** A unit price shows the currency's decimals at least, and more where it has them (usage per GiB). */
	private static BigDecimal unitPrice(BigDecimal price, String currency) {
		int minor = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
		BigDecimal stripped = price.stripTrailingZeros();
		return stripped.scale() < minor ? stripped.setScale(minor) : stripped;
	}

	private static InvoiceSummary summary(ResultSet rs) throws SQLException {
		String currency = rs.getString("currency");
		return new InvoiceSummary(BillingReads.uuid(rs, "id"), InvoiceKind.valueOf(rs.getString("kind")),
				rs.getString("number"), BillingReads.uuid(rs, "organisation_id"), rs.getString("customer_name"),
				rs.getObject("issued_at", OffsetDateTime.class).toInstant(), BillingReads.date(rs, "issued_on"),
				BillingReads.date(rs, "due_on"), BillingReads.money(rs.getBigDecimal("total"), currency),
				InvoiceStatus.valueOf(rs.getString("status")));
	}

	private static InvoiceDetails details(ResultSet rs) throws SQLException {
		String currency = rs.getString("currency");
		Party issuer = new Party(rs.getString("issuer_name"), strings(rs.getArray("issuer_address")),
				rs.getString("issuer_vat_number"), rs.getString("issuer_country"), rs.getString("issuer_email"), true);
		Party customer = new Party(rs.getString("customer_name"), strings(rs.getArray("customer_address")),
				rs.getString("customer_vat_number"), rs.getString("customer_country"), rs.getString("customer_email"),
				rs.getBoolean("customer_business"));
		OffsetDateTime emailedAt = rs.getObject("emailed_at", OffsetDateTime.class);
		return new InvoiceDetails(summary(rs), issuer, customer, List.of(), List.of(),
				BillingReads.money(rs.getBigDecimal("subtotal"), currency), rs.getString("note"), rs.getString("pdf_key"),
				emailedAt == null ? null : emailedAt.toInstant());
	}

	private static List<String> strings(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}
}
