package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;

/**
 * Customers with billing details and subscriptions in given states, written straight into the billing tables so
 * invoicing tests can place activation days in the past. A test-only bean.
 */
@Component
public class InvoicingFixtures {

	private final JdbcClient jdbc;
	private final AccountFixtures accounts;
	private final Clock clock;
	private @Nullable TestUser vendor;

	InvoicingFixtures(JdbcClient jdbc, AccountFixtures accounts, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.clock = clock;
	}

	/** A customer user and its organisation. */
	public record Customer(TestUser user, UUID organisationId) {
	}

	public LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	/** A German consumer with complete billing details. */
	public Customer customer() {
		return customer("DE", null, false);
	}

	public Customer customer(String country, @Nullable String vatNumber, boolean business) {
		Customer customer = customerWithoutBillingDetails();
		jdbc.sql("""
				insert into billing_accounts (organisation_id, legal_name, billing_email, address_line1, postal_code, city,
					country, vat_number, business, created_at, updated_at)
				values (:org, :name, :email, 'Hafenstraße 1', '20457', 'Hamburg', :country, :vat, :business, now(), now())
				""")
			.param("org", customer.organisationId())
			.param("name", customer.user().user().organisationName())
			.param("email", customer.user().email())
			.param("country", country)
			.param("vat", vatNumber, java.sql.Types.VARCHAR)
			.param("business", business)
			.update();
		return customer;
	}

	public Customer customerWithoutBillingDetails() {
		TestUser user = accounts.customer();
		return new Customer(user, user.user().organisationId().id());
	}

	/** An active subscription at a monthly price, without bandwidth billing. */
	public UUID subscription(Customer customer, String monthlyPrice, String currency, LocalDate activatedOn) {
		return subscription(customer, monthlyPrice, currency, activatedOn, 0, "0");
	}

	public UUID subscription(Customer customer, String monthlyPrice, String currency, LocalDate activatedOn,
			int bandwidthIncludedGib, String bandwidthPricePerGib) {
		UUID vendorOrganisation = vendor().user().organisationId().id();
		UUID order = UUID.randomUUID();
		UUID subscription = UUID.randomUUID();
		UUID product = UUID.randomUUID();
		UUID plan = UUID.randomUUID();
		OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
		jdbc.sql("""
				insert into orders (id, organisation_id, user_id, product_id, product_name, vendor_organisation_id, plan_id,
					plan_version, plan_name, list_price, monthly_price, currency, trial, created_at)
				values (:id, :org, :user, :product, 'PostgreSQL', :vendor, :plan, 1, 'Small', :price, :price, :currency,
					false, :now)
				""")
			.param("id", order)
			.param("org", customer.organisationId())
			.param("user", customer.user().user().userId().id())
			.param("product", product)
			.param("vendor", vendorOrganisation)
			.param("plan", plan)
			.param("price", new BigDecimal(monthlyPrice))
			.param("currency", currency)
			.param("now", now)
			.update();
		jdbc.sql("""
				insert into subscriptions (id, order_id, organisation_id, product_id, product_name, vendor_organisation_id,
					plan_id, plan_version, plan_name, monthly_price, currency, bandwidth_included_gib,
					bandwidth_price_per_gib, state, activated_on, created_at, updated_at)
				values (:id, :order, :org, :product, 'PostgreSQL', :vendor, :plan, 1, 'Small', :price, :currency,
					:included, :perGib, 'ACTIVE', :activatedOn, :now, :now)
				""")
			.param("id", subscription)
			.param("order", order)
			.param("org", customer.organisationId())
			.param("product", product)
			.param("vendor", vendorOrganisation)
			.param("plan", plan)
			.param("price", new BigDecimal(monthlyPrice))
			.param("currency", currency)
			.param("included", bandwidthIncludedGib)
			.param("perGib", new BigDecimal(bandwidthPricePerGib))
			.param("activatedOn", activatedOn)
			.param("now", now)
			.update();
		return subscription;
	}

	/** Cancels as the subscriptions module does: the subscription is no longer covered from {@code endsOn}. */
	public void cancel(UUID subscription, LocalDate endsOn) {
		jdbc.sql("""
				update subscriptions set state = 'CANCELLED', ends_on = :endsOn, cancelled_at = now(), updated_at = now()
				where id = :id
				""")
			.param("endsOn", endsOn)
			.param("id", subscription)
			.update();
	}

	private TestUser vendor() {
		if (vendor == null) {
			vendor = accounts.vendor();
		}
		return vendor;
	}
}
