package io.skyport.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.InvoicePaid;
import io.skyport.billing.invoicing.InvoicingFixtures;
import io.skyport.billing.invoicing.InvoicingFixtures.Customer;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recording payments over the API: the full flow, who may, what is refused and how.
 */
@SkyportIntegrationTest
@RecordApplicationEvents
class PaymentApiTests {

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
	ApplicationEvents events;

	BillingCalls api;
	TestUser operator;
	LocalDate today;

	@BeforeEach
	void setUp() {
		api = new BillingCalls(mvc, json);
		operator = accounts.operator();
		today = billing.today();
	}

	@Test
	void an_operator_records_the_full_payment_and_the_invoice_is_paid_once() {
		Customer customer = billing.customer();
		billing.subscription(customer, "30.00", "EUR", today);
		api.issue(operator, today);
		Map<String, Object> invoice = api.onlyInvoice(customer.user());
		Object id = invoice.get("id");
		assertThat(invoice.get("total")).hasToString("35.7");
		assertThat(BillingCalls.<List<Object>>read(api.get("/api/v1/invoices/" + id + "/payments", customer.user()), "$"))
			.isEmpty();

		assertThat(api.pay(customer.user(), id, "35.70", today.toString(), "bank 123")).hasStatus(403);
		MvcTestResult paid = api.pay(operator, id, "35.70", today.minusDays(1).toString(), "  bank 123 ");

		assertThat(paid).hasStatus(201);
		assertThat(paid).bodyJson().extractingPath("$.amount").asNumber().hasToString("35.7");
		assertThat(paid).bodyJson().extractingPath("$.reference").isEqualTo("bank 123");
		assertThat(api.invoice(customer.user(), id).get("status")).isEqualTo("PAID");
		List<Map<String, Object>> payments = BillingCalls.read(
				api.get("/api/v1/invoices/" + id + "/payments", customer.user()), "$");
		assertThat(payments).singleElement().satisfies(payment -> {
			assertThat(payment.get("paidOn")).isEqualTo(today.minusDays(1).toString());
			assertThat(payment.get("currency")).isEqualTo("EUR");
			assertThat(payment.get("gateway")).isEqualTo("MANUAL");
			assertThat(payment.get("invoiceNumber")).isEqualTo(invoice.get("number"));
		});
		assertThat(events.stream(InvoicePaid.class))
			.anySatisfy(event -> assertThat(event.invoiceId().id()).hasToString((String) id));

		MvcTestResult again = api.pay(operator, id, "35.70", today.toString(), "bank 124");
		assertThat(again).hasStatus(409);
		assertThat(again).bodyJson().extractingPath("$.detail").asString().contains("paid already");
		assertThat(count(id)).isEqualTo(1);
	}

	@Test
	void a_credited_invoice_and_a_credit_note_take_no_payment() {
		Customer customer = billing.customer();
		billing.subscription(customer, "20.00", "EUR", today);
		api.issue(operator, today);
		Object id = api.onlyInvoice(customer.user()).get("id");
		MvcTestResult creditNote = api.send(HttpMethod.POST, "/api/v1/invoices/" + id + "/credit-note",
				Map.of("reason", "wrong plan"), operator);
		assertThat(creditNote).hasStatus(201);
		String creditNoteId = JsonPath.read(BillingCalls.body(creditNote), "$.id");

		assertThat(api.pay(operator, id, "23.80", today.toString(), "bank 1")).hasStatus(409).bodyJson()
			.extractingPath("$.detail").asString().contains("credited");
		assertThat(api.pay(operator, creditNoteId, "23.80", today.toString(), "bank 1")).hasStatus(409).bodyJson()
			.extractingPath("$.detail").asString().contains("credit note");
		assertThat(count(id)).isZero();
	}

	@Test
	void malformed_negative_wrong_or_too_precise_amounts_are_400_and_record_nothing() {
		Customer customer = billing.customer();
		billing.subscription(customer, "10.00", "EUR", today);
		api.issue(operator, today);
		Object id = api.onlyInvoice(customer.user()).get("id");

		assertBad(api.pay(operator, id, "twelve", today.toString(), "r"), "amount", "is not an amount");
		assertBad(api.pay(operator, id, "-11.90", today.toString(), "r"), "amount", "cannot be negative");
		assertBad(api.pay(operator, id, "11.900", today.toString(), "r"), "amount", "at most 2 decimals");
		assertBad(api.pay(operator, id, "1e3", today.toString(), "r"), "amount", "is not an amount");
		assertBad(api.pay(operator, id, "0", today.toString(), "r"), "amount", "more than zero");
		assertBad(api.pay(operator, id, "5.00", today.toString(), "r"), "amount", "open total of 11.90 EUR");
		assertBad(api.pay(operator, id, "11.90", "2026-13-40", "r"), "paidOn", "is not a date");
		assertBad(api.pay(operator, id, "11.90", today.plusDays(1).toString(), "r"), "paidOn", "future");
		assertBad(api.pay(operator, id, "11.90", today.toString(), " "), "reference", "reference");
		assertThat(api.send(HttpMethod.POST, "/api/v1/invoices/" + id + "/payments", Map.of("amount", List.of(1)),
				operator)).hasStatus(400);

		assertThat(count(id)).isZero();
		assertThat(api.invoice(customer.user(), id).get("status")).isEqualTo("OPEN");
		assertThat(api.pay(operator, UUID.randomUUID(), "11.90", today.toString(), "r")).hasStatus(404);
		assertThat(api.pay(operator, id, "11.90", today.toString(), "r")).hasStatus(201);
	}

	@Test
	void another_customer_does_not_find_the_payments() {
		Customer customer = billing.customer();
		Customer other = billing.customer();
		billing.subscription(customer, "10.00", "EUR", today);
		api.issue(operator, today);
		Object id = api.onlyInvoice(customer.user()).get("id");

		assertThat(api.get("/api/v1/invoices/" + id + "/payments", other.user())).hasStatus(404);
		assertThat(api.get("/api/v1/invoices/" + id + "/payments", operator)).hasStatusOk();
		assertThat(api.get("/api/v1/invoices/not-a-uuid/payments", operator)).hasStatus(400);
	}

	private void assertBad(MvcTestResult result, String field, String message) {
		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
		assertThat(result).bodyJson().extractingPath("$.errors[0].message").asString().contains(message);
	}

	private long count(Object invoiceId) {
		return jdbc.sql("select count(*) from payments where invoice_id = :id").param("id", UUID.fromString(
				invoiceId.toString())).query(Long.class).single();
	}
}
