package io.skyport.billing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.invoicing.InvoicingFixtures.Customer;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Invoice runs against the real database: what they issue, that they never bill twice, dry runs, credits, usage.
 */
@SkyportIntegrationTest
class InvoiceRunTests {

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

	@Autowired
	InvoiceStatuses statuses;

	InvoicingApi api;
	TestUser operator;
	LocalDate today;

	@BeforeEach
	void operator() {
		api = new InvoicingApi(mvc, json);
		operator = accounts.operator();
		today = billing.today();
	}

	@Test
	void a_run_bills_every_period_started_so_far_and_a_second_run_bills_nothing_again() {
		Customer customer = billing.customer();
		billing.subscription(customer, "30.00", "EUR", today.minusDays(40));

		String report = api.issue(operator, today);

		List<Map<String, Object>> invoices = api.invoices(customer.user());
		assertThat(invoices).singleElement().satisfies(invoice -> {
			assertThat(invoice).containsKeys("id", "number", "issuedAt", "dueAt", "total", "currency", "status");
			assertThat((String) invoice.get("number")).matches("SKY-" + today.getYear() + "-\\d{6}");
			assertThat(invoice.get("dueAt")).isEqualTo(today.plusDays(14).toString());
			assertThat(invoice.get("total")).hasToString("71.4");
			assertThat(invoice.get("status")).isEqualTo("OPEN");
		});
		Map<String, Object> details = api.invoice(customer.user(), invoices.getFirst().get("id"));
		assertThat(JsonPath.<List<String>>read(details, "$.lines[*].periodFrom"))
			.containsExactly(today.minusDays(40).toString(), today.minusDays(40).plusMonths(1).toString());
		assertThat(JsonPath.<List<Object>>read(details, "$.taxes[*].amount")).singleElement().hasToString("11.4");
		assertThat(JsonPath.<String>read(details, "$.customer.name")).isEqualTo(customer.user().user().organisationName());
		assertThat(JsonPath.<List<String>>read(report, "$.documents[*].number")).contains((String) invoices.getFirst().get("number"));

		String second = api.issue(operator, today);

		assertThat(api.invoices(customer.user())).hasSize(1);
		assertThat(JsonPath.<List<String>>read(second, "$.documents[*].organisationId"))
			.doesNotContain(customer.organisationId().toString());
	}

	@Test
	void a_dry_run_shows_what_would_be_issued_and_writes_nothing() {
		Customer customer = billing.customer();
		billing.subscription(customer, "12.50", "EUR", today.minusDays(3));
		Map<String, Object> before = counts();

		var result = api.run(operator, today, true);

		assertThat(result).hasStatusOk();
		String report = InvoicingApi.body(result);
		assertThat(JsonPath.<Map<String, Object>>read(report, "$")).doesNotContainKey("runId");
		assertThat(JsonPath.<Boolean>read(report, "$.dryRun")).isTrue();
		List<Map<String, Object>> mine = JsonPath.read(report,
				"$.documents[?(@.organisationId == '" + customer.organisationId() + "')]");
		assertThat(mine).singleElement().satisfies(document -> {
			assertThat(document.get("number")).isNull();
			assertThat(document.get("total")).hasToString("14.88");
			assertThat(JsonPath.<List<String>>read(document, "$.lines[*].description")).containsExactly("PostgreSQL · Small");
		});
		assertThat(counts()).isEqualTo(before);
		assertThat(api.invoices(customer.user())).isEmpty();
	}

	@Test
	void a_run_further_ahead_than_allowed_is_refused_with_422_and_only_operators_run_invoicing() {
		assertThat(api.run(operator, today.plusDays(32), true)).hasStatus(422).bodyJson()
			.extractingPath("$.errors[0].field").isEqualTo("asOf");
		assertThat(api.run(operator, today.plusDays(31), true)).hasStatusOk();
		Customer customer = billing.customer();
		assertThat(api.run(customer.user(), today, true)).hasStatus(403);
		assertThat(api.send(HttpMethod.POST, "/api/v1/billing/runs", Map.of("asOf", "yesterday"), operator))
			.hasStatus(400);
	}

	@Test
	void an_immediate_cancellation_without_another_subscription_is_refunded_by_a_credit_note() {
		Customer customer = billing.customer();
		UUID subscription = billing.subscription(customer, "30.00", "EUR", today.minusDays(10));
		api.issue(operator, today);
		LocalDate periodEnd = today.minusDays(10).plusMonths(1);
		billing.cancel(subscription, today.minusDays(4));

		api.issue(operator, today);

		List<Map<String, Object>> documents = api.invoices(customer.user());
		assertThat(documents).extracting(d -> d.get("kind")).containsExactly("CREDIT_NOTE", "INVOICE");
		Map<String, Object> creditNote = api.invoice(customer.user(), documents.getFirst().get("id"));
		assertThat((String) creditNote.get("number")).startsWith("SKC-" + today.getYear() + "-");
		long unused = java.time.temporal.ChronoUnit.DAYS.between(today.minusDays(4), periodEnd);
		long periodDays = java.time.temporal.ChronoUnit.DAYS.between(today.minusDays(10), periodEnd);
		assertThat(JsonPath.<List<String>>read(creditNote, "$.lines[*].description")).singleElement().asString()
			.startsWith("Credit for " + unused + " unused days");
		assertThat(new java.math.BigDecimal(JsonPath.read(creditNote, "$.subtotal").toString()))
			.isEqualByComparingTo(Proration.of(io.skyport.platform.money.Money.of("30.00", "EUR"), unused, periodDays).amount());

		api.issue(operator, today);
		assertThat(api.invoices(customer.user())).hasSize(2);
	}

	@Test
	void unused_days_wait_for_the_next_invoice_while_another_subscription_runs_and_are_deducted_there() {
		Customer customer = billing.customer();
		UUID cancelled = billing.subscription(customer, "30.00", "EUR", today.minusDays(10));
		billing.subscription(customer, "50.00", "EUR", today.minusDays(2));
		api.issue(operator, today);
		billing.cancel(cancelled, today.minusDays(4));

		api.issue(operator, today);
		assertThat(api.invoices(customer.user())).hasSize(1);

		api.issue(operator, today.minusDays(2).plusMonths(1));

		List<Map<String, Object>> documents = api.invoices(customer.user());
		assertThat(documents).hasSize(2).allSatisfy(d -> assertThat(d.get("kind")).isEqualTo("INVOICE"));
		Map<String, Object> next = api.invoice(customer.user(), documents.getFirst().get("id"));
		List<Object> amounts = JsonPath.read(next, "$.lines[*].amount");
		assertThat(amounts).hasSize(2);
		assertThat(new java.math.BigDecimal(amounts.get(1).toString())).isNegative();
		assertThat(JsonPath.<String>read(next, "$.lines[1].description")).contains("unused days");
	}

	@Test
	void bandwidth_above_the_allowance_is_billed_in_arrears_at_the_plans_price() {
		Customer customer = billing.customer();
		LocalDate activated = today.minusDays(40);
		UUID subscription = billing.subscription(customer, "10.00", "EUR", activated, 100, "0.05");
		String firstHour = activated.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC).toString();
		String secondHour = activated.plusDays(2).atStartOfDay().toInstant(java.time.ZoneOffset.UTC).toString();
		String current = today.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).toString();
		assertThat(api.send(HttpMethod.POST, "/api/v1/billing/usage", Map.of("records", List.of(
				usage(subscription, firstHour, "120"), usage(subscription, secondHour, "30.5"),
				usage(subscription, current, "999"))), operator)).hasStatusOk();

		api.issue(operator, today);

		Map<String, Object> invoice = api.invoice(customer.user(), api.invoices(customer.user()).getFirst().get("id"));
		List<Map<String, Object>> usageLines = JsonPath.read(invoice, "$.lines[?(@.description =~ /Bandwidth.*/)]");
		assertThat(usageLines).singleElement().satisfies(line -> {
			assertThat(line.get("quantity")).hasToString("50.5");
			assertThat(line.get("amount")).hasToString("2.53");
			assertThat(line.get("periodFrom")).isEqualTo(activated.toString());
		});
		assertThat(api.send(HttpMethod.POST, "/api/v1/billing/usage",
				Map.of("records", List.of(usage(subscription, activated.plusDays(3).atStartOfDay()
					.toInstant(java.time.ZoneOffset.UTC).toString(), "1"))), operator))
			.hasStatus(409).bodyJson().extractingPath("$.detail").asString().contains("invoiced already");
	}

	@Test
	void a_business_customer_in_another_country_gets_a_reverse_charge_invoice() {
		Customer customer = billing.customer("FR", "FR12345678901", true);
		billing.subscription(customer, "30.00", "EUR", today);

		api.issue(operator, today);

		Map<String, Object> invoice = api.invoice(customer.user(), api.invoices(customer.user()).getFirst().get("id"));
		assertThat(invoice.get("note")).isEqualTo("Reverse charge: VAT to be accounted for by the recipient.");
		assertThat(invoice.get("total")).hasToString("30.0");
		assertThat(JsonPath.<String>read(invoice, "$.customer.vatNumber")).isEqualTo("FR12345678901");
	}

	@Test
	void a_customer_that_cannot_be_invoiced_is_reported_and_the_others_are_invoiced() {
		Customer broken = billing.customerWithoutBillingDetails();
		billing.subscription(broken, "30.00", "EUR", today);
		Customer fine = billing.customer();
		billing.subscription(fine, "30.00", "EUR", today);

		String report = api.issue(operator, today);

		assertThat(JsonPath.<List<String>>read(report, "$.failures[*].organisationId"))
			.contains(broken.organisationId().toString());
		assertThat(api.invoices(fine.user())).hasSize(1);
		assertThat(jdbc.sql("select count(*) from invoice_run_failures where organisation_id = :org")
			.param("org", broken.organisationId()).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void an_issued_invoice_cannot_be_changed_or_deleted_only_its_status_moves() {
		Customer customer = billing.customer();
		billing.subscription(customer, "30.00", "EUR", today);
		api.issue(operator, today);
		UUID id = UUID.fromString((String) api.invoices(customer.user()).getFirst().get("id"));

		assertThatThrownBy(() -> jdbc.sql("update invoices set total = 1 where id = :id").param("id", id).update())
			.hasMessageContaining("cannot change");
		assertThatThrownBy(() -> jdbc.sql("delete from invoices where id = :id").param("id", id).update())
			.hasMessageContaining("cannot be deleted");
		assertThatThrownBy(() -> jdbc.sql("update invoice_lines set amount = 0 where invoice_id = :id").param("id", id)
			.update()).hasMessageContaining("cannot change");
		assertThat(jdbc.sql("update invoices set status = 'PAID' where id = :id").param("id", id).update()).isEqualTo(1);
	}

	@Test
	void an_operator_cancels_an_invoice_with_a_credit_note_and_a_paid_invoice_cannot_be_paid_again() {
		Customer customer = billing.customer();
		billing.subscription(customer, "30.00", "EUR", today);
		api.issue(operator, today);
		String invoice = (String) api.invoices(customer.user()).getFirst().get("id");
		String uri = "/api/v1/invoices/" + invoice + "/credit-note";

		assertThat(api.send(HttpMethod.POST, uri, Map.of("reason", "Wrong address"), customer.user())).hasStatus(403);
		assertThat(api.send(HttpMethod.POST, uri, Map.of("reason", " "), operator)).hasStatus(400);
		var created = api.send(HttpMethod.POST, uri, Map.of("reason", "Wrong address"), operator);
		assertThat(created).hasStatus(201);
		Map<String, Object> creditNote = InvoicingApi.read(created, "$");
		assertThat((String) creditNote.get("number")).startsWith("SKC-");
		assertThat(creditNote.get("total")).hasToString("35.7");
		assertThat((String) creditNote.get("note")).contains("Wrong address");
		assertThat(api.invoice(customer.user(), invoice).get("status")).isEqualTo("CREDITED");
		assertThat(api.send(HttpMethod.POST, uri, Map.of("reason", "Again"), operator)).hasStatus(409);
		assertThat(api.send(HttpMethod.POST, "/api/v1/invoices/" + creditNote.get("id") + "/credit-note",
				Map.of("reason", "Again"), operator)).hasStatus(409);

		statuses.markPaid(new io.skyport.billing.InvoiceId(UUID.fromString((String) creditNote.get("id"))),
				today.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
		assertThatThrownBy(() -> statuses.markPaid(
				new io.skyport.billing.InvoiceId(UUID.fromString((String) creditNote.get("id"))),
				today.atStartOfDay().toInstant(java.time.ZoneOffset.UTC)))
			.isInstanceOf(io.skyport.platform.errors.ConflictException.class).hasMessageContaining("paid");
	}

	private static Map<String, Object> usage(UUID subscription, String hour, String gib) {
		return Map.of("subscriptionId", subscription.toString(), "instanceId", UUID.randomUUID().toString(), "metric",
				"bandwidth", "hour", hour, "quantity", new java.math.BigDecimal(gib));
	}

	private Map<String, Object> counts() {
		return jdbc.sql("""
				select (select count(*) from invoices) invoices, (select count(*) from invoice_lines) lines,
					(select count(*) from billed_periods) periods, (select count(*) from invoice_runs) runs,
					(select coalesce(sum(last_number), 0) from document_number_counters) numbers,
					(select count(*) from event_publication) events
				""").query().singleRow();
	}
}
