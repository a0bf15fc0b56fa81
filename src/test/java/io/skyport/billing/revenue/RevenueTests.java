package io.skyport.billing.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.invoicing.InvoicingFixtures;
import io.skyport.billing.invoicing.InvoicingFixtures.Customer;
import io.skyport.billing.payments.BillingCalls;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Revenue sums for a vendor and a reseller from real invoice runs (credit notes subtracted), the month parameters, and
 * both panel pages.
 */
@SkyportIntegrationTest
class RevenueTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	InvoicingFixtures billing;

	@Autowired
	JdbcClient jdbc;

	BillingCalls api;
	TestUser operator;
	TestUser vendor;
	TestUser reseller;
	LocalDate today;
	String month;
	String product;

	@BeforeEach
	void setUp() {
		api = new BillingCalls(mvc, json);
		operator = accounts.operator();
		vendor = accounts.vendor();
		reseller = accounts.reseller();
		today = billing.today();
		month = YearMonth.from(today).toString();
		product = "Revenue DB " + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void a_vendor_sees_invoiced_net_totals_by_product_and_a_reseller_its_markup() {
		UUID productId = UUID.randomUUID();
		Customer direct = billing.customer();
		Customer throughReseller = billing.customer();
		subscription(direct, productId, "30.00", null, "0");
		subscription(throughReseller, productId, "30.00", reseller, "20");
		api.issue(operator, today);

		List<Map<String, Object>> vendorRows = rows(api.get("/api/v1/vendor/revenue?from=" + month + "&to=" + month,
				vendor));
		assertThat(vendorRows).singleElement().satisfies(row -> {
			assertThat(row.get("month")).isEqualTo(month);
			assertThat(row.get("product")).isEqualTo(product);
			assertThat(row.get("currency")).isEqualTo("EUR");
			assertThat(row.get("invoiced")).hasToString("66.0");
			assertThat(row.get("atListPrice")).hasToString("60.0");
			assertThat(row.get("markup")).hasToString("6.0");
		});
		List<Map<String, Object>> resellerRows = rows(api.get("/api/v1/reseller/revenue?from=" + month + "&to="
				+ month, reseller));
		assertThat(resellerRows).singleElement().satisfies(row -> {
			assertThat(row.get("invoiced")).hasToString("36.0");
			assertThat(row.get("atListPrice")).hasToString("30.0");
			assertThat(row.get("markup")).hasToString("6.0");
		});

		Object directInvoice = api.onlyInvoice(direct.user()).get("id");
		assertThat(api.send(HttpMethod.POST, "/api/v1/invoices/" + directInvoice + "/credit-note",
				Map.of("reason", "goodwill"), operator)).hasStatus(201);
		assertThat(rows(api.get("/api/v1/vendor/revenue?from=" + month + "&to=" + month, vendor)))
			.singleElement().satisfies(row -> assertThat(row.get("invoiced")).hasToString("36.0"));
		assertThat(rows(api.get("/api/v1/vendor/revenue", vendor))).extracting(row -> row.get("product"))
			.contains(product);
		String previous = YearMonth.from(today).minusMonths(1).toString();
		assertThat(rows(api.get("/api/v1/vendor/revenue?from=" + previous + "&to=" + previous, vendor))).isEmpty();
		assertThat(rows(api.get("/api/v1/vendor/revenue?from=" + month + "&to=" + month, accounts.vendor())))
			.isEmpty();

		String vendorPage = api.page(api.session(vendor), "/panel/vendor/revenue");
		assertThat(vendorPage).contains(product).contains("36.00").contains("30.00");
		String resellerPage = api.page(api.session(reseller), "/panel/reseller/revenue?from=" + month + "&to=" + month);
		assertThat(resellerPage).contains(product).contains("Markup").contains("6.00");
	}

	@Test
	void bad_months_are_400_and_only_vendors_and_resellers_see_revenue() {
		assertBad(api.get("/api/v1/vendor/revenue?from=2026-1&to=2026-12", vendor), "from");
		assertBad(api.get("/api/v1/vendor/revenue?from=2026-13", vendor), "from");
		assertBad(api.get("/api/v1/reseller/revenue?to=December", reseller), "to");
		assertBad(api.get("/api/v1/vendor/revenue?from=2026-12&to=2026-01", vendor), "to");
		assertBad(api.get("/api/v1/vendor/revenue?from=2020-01&to=2026-12", vendor), "to");
		assertThat(api.get("/api/v1/vendor/revenue", billing.customer().user())).hasStatus(403);
		assertThat(api.get("/api/v1/reseller/revenue", vendor)).hasStatus(403);
		assertThat(api.page(api.session(vendor), "/panel/vendor/revenue?from=yesterday"))
			.contains("is not a month: use YYYY-MM");
	}

	private void assertBad(MvcTestResult result, String field) {
		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
	}

	private static List<Map<String, Object>> rows(MvcTestResult result) {
		return BillingCalls.read(result, "$.months");
	}

	/** An active subscription to the test's product, at a list price and a reseller's markup. */
	private void subscription(Customer customer, UUID productId, String listPrice, @Nullable TestUser reseller,
			String markupPercent) {
		UUID vendorOrganisation = vendor.user().organisationId().id();
		UUID resellerOrganisation = reseller == null ? null : reseller.user().organisationId().id();
		BigDecimal list = new BigDecimal(listPrice);
		BigDecimal price = list.multiply(BigDecimal.ONE.add(new BigDecimal(markupPercent).movePointLeft(2)))
			.setScale(2, java.math.RoundingMode.HALF_UP);
		UUID order = UUID.randomUUID();
		UUID plan = UUID.randomUUID();
		var now = java.time.OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("""
				insert into orders (id, organisation_id, user_id, product_id, product_name, vendor_organisation_id, plan_id,
					plan_version, plan_name, reseller_organisation_id, storefront_slug, list_price, markup_percent,
					monthly_price, currency, trial, created_at)
				values (:id, :org, :user, :product, :name, :vendor, :plan, 1, 'Small', :reseller, :slug, :list, :markup,
					:price, 'EUR', false, :now)
				""")
			.param("id", order)
			.param("org", customer.organisationId())
			.param("user", customer.user().user().userId().id())
			.param("product", productId)
			.param("name", product)
			.param("vendor", vendorOrganisation)
			.param("plan", plan)
			.param("reseller", resellerOrganisation, java.sql.Types.OTHER)
			.param("slug", reseller == null ? null : "shop", java.sql.Types.VARCHAR)
			.param("list", list)
			.param("markup", new BigDecimal(markupPercent))
			.param("price", price)
			.param("now", now)
			.update();
		jdbc.sql("""
				insert into subscriptions (id, order_id, organisation_id, product_id, product_name, vendor_organisation_id,
					reseller_organisation_id, plan_id, plan_version, plan_name, monthly_price, currency, state,
					activated_on, created_at, updated_at)
				values (:id, :order, :org, :product, :name, :vendor, :reseller, :plan, 1, 'Small', :price, 'EUR',
					'ACTIVE', :activatedOn, :now, :now)
				""")
			.param("id", UUID.randomUUID())
			.param("order", order)
			.param("org", customer.organisationId())
			.param("product", productId)
			.param("name", product)
			.param("vendor", vendorOrganisation)
			.param("reseller", resellerOrganisation, java.sql.Types.OTHER)
			.param("plan", plan)
			.param("price", price)
			.param("activatedOn", today)
			.param("now", now)
			.update();
	}
}
