package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.billing.invoicing.BillingSnapshot.DailyUsage;
import io.skyport.billing.invoicing.BillingSnapshot.DueSubscription;
import io.skyport.billing.invoicing.BillingSnapshot.PendingCredit;
import io.skyport.platform.money.Money;

/**
 * Reads what is due from the billing module's tables (subscriptions, billing accounts) and invoicing's own, in four
 * queries whatever the number of subscriptions.
 */
@Component
class BillingReads {

	/** Subscriptions that are or were paid for; trials and expired trials are never invoiced. */
	private static final String BILLED_STATES = "('ACTIVE', 'SUSPENDED', 'CANCELLED')";

	private final JdbcClient jdbc;

	BillingReads(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A consistent view (one repeatable-read transaction) of everything due up to {@code asOf}. */
	@Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
	BillingSnapshot snapshot(LocalDate asOf) {
		return new BillingSnapshot(customers(), due(asOf), usage(asOf), credits(asOf), servers(asOf));
	}

	private Map<UUID, Party> customers() {
		Map<UUID, Party> customers = new HashMap<>();
		jdbc.sql("""
				select a.organisation_id, a.legal_name, a.billing_email, a.address_line1, a.address_line2,
					a.postal_code, a.city, a.country, a.vat_number, a.business
				from billing_accounts a
				where exists (select 1 from subscriptions s where s.organisation_id = a.organisation_id
					and s.activated_on is not null)
				or exists (select 1 from usage_records u where u.organisation_id = a.organisation_id
					and u.metric = 'server_hours' and u.settled_period_start is null)
				""")
			.query(rs -> {
				customers.put(uuid(rs, "organisation_id"), party(rs));
			});
		return customers;
	}

	static Party party(ResultSet rs) throws SQLException {
		List<String> address = new ArrayList<>();
		address.add(rs.getString("address_line1"));
		String line2 = rs.getString("address_line2");
		if (line2 != null && !line2.isBlank()) {
			address.add(line2);
		}
		address.add(rs.getString("postal_code") + " " + rs.getString("city"));
		String country = rs.getString("country").strip();
		address.add(Locale.of("", country).getDisplayCountry(Locale.ENGLISH));
		return new Party(rs.getString("legal_name"), address, rs.getString("vat_number"), country,
				rs.getString("billing_email"), rs.getBoolean("business"));
	}

	private List<DueSubscription> due(LocalDate asOf) {
		return jdbc.sql("""
				select s.id, s.organisation_id, s.product_name, s.plan_name, s.monthly_price, s.currency,
					s.activated_on, s.ends_on, last.period_end as billed_through
				from subscriptions s
				left join lateral (select b.period_end from billed_periods b where b.subscription_id = s.id
					order by b.period_start desc limit 1) last on true
				where s.state in %s and s.activated_on is not null
					and coalesce(last.period_end, s.activated_on) <= :asOf
					and (s.ends_on is null or coalesce(last.period_end, s.activated_on) < s.ends_on)
				order by s.organisation_id, s.created_at, s.id
				""".formatted(BILLED_STATES))
			.param("asOf", asOf)
			.query((rs, row) -> new DueSubscription(uuid(rs, "id"), uuid(rs, "organisation_id"), name(rs),
					money(rs.getBigDecimal("monthly_price"), rs.getString("currency")), date(rs, "activated_on"),
					nullableDate(rs, "ends_on"), nullableDate(rs, "billed_through")))
			.list();
	}

	private List<DailyUsage> usage(LocalDate asOf) {
		return jdbc.sql("""
				select u.subscription_id, s.organisation_id, s.product_name, s.plan_name, s.currency, s.activated_on,
					s.bandwidth_included_gib, s.bandwidth_price_per_gib,
					(u.hour at time zone 'UTC')::date as day, sum(u.quantity) as gib
				from usage_records u
				join subscriptions s on s.id = u.subscription_id
				where u.settled_period_start is null and u.metric = 'bandwidth' and s.activated_on is not null
					and s.state in %s
					and u.hour >= (s.activated_on::timestamp at time zone 'UTC')
					and u.hour < (cast(:asOf as date)::timestamp at time zone 'UTC')
				group by u.subscription_id, s.organisation_id, s.product_name, s.plan_name, s.currency,
					s.activated_on, s.bandwidth_included_gib, s.bandwidth_price_per_gib, day
				order by u.subscription_id, day
				""".formatted(BILLED_STATES))
			.param("asOf", asOf)
			.query((rs, row) -> new DailyUsage(uuid(rs, "subscription_id"), uuid(rs, "organisation_id"), name(rs),
					rs.getString("currency").strip(), date(rs, "activated_on"), rs.getInt("bandwidth_included_gib"),
					rs.getBigDecimal("bandwidth_price_per_gib"), date(rs, "day"), rs.getBigDecimal("gib")))
			.list();
	}

	/** Direct servers' hours before the month of {@code asOf}, not settled yet: months that ended are invoiced. */
	private List<BillingSnapshot.ServerUsage> servers(LocalDate asOf) {
		LocalDate before = asOf.withDayOfMonth(1);
		return jdbc.sql("""
				select u.organisation_id, u.instance_id, u.description, u.currency, u.unit_price, count(*) as hours,
					min((u.hour at time zone 'UTC')::date) as first_day, max((u.hour at time zone 'UTC')::date) as last_day
				from usage_records u
				where u.metric = 'server_hours' and u.settled_period_start is null
					and u.hour < (cast(:before as date)::timestamp at time zone 'UTC')
				group by u.organisation_id, u.instance_id, u.description, u.currency, u.unit_price
				order by u.organisation_id, first_day, u.description, u.unit_price
				""")
			.param("before", before)
			.query((rs, row) -> new BillingSnapshot.ServerUsage(uuid(rs, "organisation_id"), uuid(rs, "instance_id"),
					rs.getString("description"), rs.getString("currency").strip(), rs.getBigDecimal("unit_price"),
					rs.getLong("hours"), date(rs, "first_day"), date(rs, "last_day"), before))
			.list();
	}

	private List<PendingCredit> credits(LocalDate asOf) {
		return jdbc.sql("""
				select b.subscription_id, s.organisation_id, s.product_name, s.plan_name, s.currency, b.period_start,
					b.period_end, b.billed_until, s.ends_on, b.monthly_price, i.number, i.tax_rate_percent,
					i.reverse_charge,
					exists (select 1 from subscriptions o where o.organisation_id = s.organisation_id
						and o.currency = s.currency and o.state in ('ACTIVE', 'SUSPENDED')
						and (o.ends_on is null or o.ends_on > :asOf)) as awaits_next_invoice
				from billed_periods b
				join subscriptions s on s.id = b.subscription_id
				join invoices i on i.id = b.invoice_id
				where s.ends_on is not null and s.ends_on < b.billed_until and i.status <> 'CREDITED'
					and not exists (select 1 from credited_periods c
						where c.subscription_id = b.subscription_id and c.period_start = b.period_start)
				order by s.organisation_id, b.subscription_id, b.period_start
				""")
			.param("asOf", asOf)
			.query((rs, row) -> {
				boolean reverseCharge = rs.getBoolean("reverse_charge");
				TaxTreatment original = reverseCharge ? TaxTreatment.reverseChargeOnly()
						: TaxTreatment.rate(rs.getBigDecimal("tax_rate_percent"));
				return new PendingCredit(uuid(rs, "subscription_id"), uuid(rs, "organisation_id"), name(rs),
						date(rs, "period_start"), date(rs, "period_end"), date(rs, "billed_until"), date(rs, "ends_on"),
						money(rs.getBigDecimal("monthly_price"), rs.getString("currency")), rs.getString("number"),
						original, rs.getBoolean("awaits_next_invoice"));
			})
			.list();
	}

	private static String name(ResultSet rs) throws SQLException {
		return rs.getString("product_name") + " · " + rs.getString("plan_name");
	}

	/** An amount stored with 4 decimals as money of its currency (whose minor unit it never exceeds). */
	static Money money(BigDecimal amount, String currency) {
		BigDecimal stripped = amount.stripTrailingZeros();
		return new Money(stripped.scale() < 0 ? stripped.setScale(0) : stripped, currency.strip());
	}

	static UUID uuid(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, UUID.class);
	}

	static LocalDate date(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, LocalDate.class);
	}

	static @Nullable LocalDate nullableDate(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, LocalDate.class);
	}
}
