package io.skyport.billing.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationType;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;

/**
 * Invoiced revenue per month (of the issue date, UTC), product and currency, net of tax: the invoice lines of the
 * subscriptions to a vendor's products, or of those sold through a reseller's storefront. Credit notes count
 * negative, so an invoice cancelled by a credit note nets to zero; credits for unused days on an invoice are
 * negative lines of their subscription.
 * <p>
 * {@code atListPrice} is the part of it at the vendor's list price ({@code amount × list price / price paid}, frozen on
 * the order), {@code markup} the rest: the reseller's share. Without a reseller the markup is zero.
 */
@Service
public class Revenue {

	static final int MAX_MONTHS = 36;
	private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");

	private final JdbcClient jdbc;
	private final Clock clock;

	Revenue(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One month, product and currency. */
	public record Row(YearMonth month, UUID productId, String productName, String currency, BigDecimal invoiced,
			BigDecimal atListPrice, BigDecimal markup) {
	}

	/** The months asked for (inclusive) and the rows, by month, product name and currency. */
	public record Report(YearMonth from, YearMonth to, List<Row> rows) {
	}

	/** Parses {@code from} and {@code to} ({@code YYYY-MM}; by default the last 12 months up to this one). */
	public Range range(@Nullable String from, @Nullable String to) {
		YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
		YearMonth end = to == null || to.isBlank() ? now : month("to", to);
		YearMonth start = from == null || from.isBlank() ? end.minusMonths(11) : month("from", from);
		if (end.isBefore(start)) {
			throw InvalidInputException.of("to", "'to' (" + end + ") is before 'from' (" + start + ").");
		}
		if (start.plusMonths(MAX_MONTHS).isBefore(end.plusMonths(1))) {
			throw InvalidInputException.of("to", "Ask for at most " + MAX_MONTHS + " months at a time.");
		}
		return new Range(start, end);
	}

	public record Range(YearMonth from, YearMonth to) {
	}

	/** A vendor's revenue from its products. @throws ForbiddenException for anyone but a vendor. */
	@Transactional(readOnly = true)
	public Report vendor(CurrentUser user, Range range) {
		if (!user.is(OrganisationType.VENDOR)) {
			throw new ForbiddenException("Only vendors see revenue by product.");
		}
		return report("s.vendor_organisation_id", user, range);
	}

	/** A reseller's revenue from its storefront. @throws ForbiddenException for anyone but a reseller. */
	@Transactional(readOnly = true)
	public Report reseller(CurrentUser user, Range range) {
		if (!user.is(OrganisationType.RESELLER)) {
			throw new ForbiddenException("Only resellers see storefront revenue.");
		}
		return report("s.reseller_organisation_id", user, range);
	}

	private Report report(String owner, CurrentUser user, Range range) {
		List<Row> rows = jdbc.sql("""
				select to_char(i.issued_on, 'YYYY-MM') as month, s.product_id, max(s.product_name) as product_name,
					i.currency,
					sum(case i.kind when 'INVOICE' then l.amount else -l.amount end) as invoiced,
					sum(case i.kind when 'INVOICE' then l.amount else -l.amount end
						* case when o.monthly_price > 0 then o.list_price / o.monthly_price else 1 end) as at_list
				from invoice_lines l
				join invoices i on i.id = l.invoice_id
				join subscriptions s on s.id = l.subscription_id
				join orders o on o.id = s.order_id
				where %s = :org and i.issued_on >= :from and i.issued_on < :until
				group by 1, s.product_id, i.currency
				order by 1, 3, 4
				""".formatted(owner))
			.param("org", user.organisationId().id())
			.param("from", range.from().atDay(1))
			.param("until", range.to().plusMonths(1).atDay(1))
			.query((rs, row) -> {
				String currency = rs.getString("currency");
				int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
				BigDecimal invoiced = rs.getBigDecimal("invoiced").setScale(digits, RoundingMode.HALF_UP);
				BigDecimal atList = rs.getBigDecimal("at_list").setScale(digits, RoundingMode.HALF_UP);
				return new Row(YearMonth.parse(rs.getString("month")), rs.getObject("product_id", UUID.class),
						rs.getString("product_name"), currency, invoiced, atList, invoiced.subtract(atList));
			})
			.list();
		return new Report(range.from(), range.to(), rows);
	}

	private static YearMonth month(String field, String text) {
		String value = text.strip();
		if (MONTH.matcher(value).matches()) {
			try {
				return YearMonth.parse(value);
			}
			catch (DateTimeParseException ex) {
				// reported below
			}
		}
		throw InvalidInputException.of(field, "'" + (value.length() > 20 ? value.substring(0, 20) + "…" : value)
				+ "' is not a month: use YYYY-MM, e.g. 2026-01.");
	}
}
