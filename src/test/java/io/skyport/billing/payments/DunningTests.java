package io.skyport.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.billing.InvoicePaid;
import io.skyport.billing.SubscriptionCancelled;
import io.skyport.billing.SubscriptionResumed;
import io.skyport.billing.SubscriptionSuspended;
import io.skyport.billing.invoicing.InvoicingFixtures;
import io.skyport.billing.invoicing.InvoicingFixtures.Customer;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dunning steps with an explicit day: reminder, suspension, resumption by payment, cancellation; each step once and
 * its e-mail once, after the commit. Runs are limited to the test's customer (the database is shared).
 */
@SkyportIntegrationTest
@RecordApplicationEvents
class DunningTests {

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
	Dunning dunning;

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
	void reminder_at_7_days_suspension_at_14_each_once_and_a_payment_resumes_the_subscription() {
		Customer customer = billing.customer();
		UUID subscription = billing.subscription(customer, "30.00", "EUR", today);
		api.issue(operator, today);
		Map<String, Object> invoice = api.onlyInvoice(customer.user());
		UUID invoiceId = BillingCalls.id(invoice);
		LocalDate due = LocalDate.parse((String) invoice.get("dueAt"));
		OrganisationId organisation = new OrganisationId(customer.organisationId());

		dunning.run(due.plusDays(6), organisation);
		assertThat(steps(invoiceId)).isEmpty();

		Dunning.Report report = dunning.run(due.plusDays(7), organisation);
		dunning.run(due.plusDays(8), organisation);
		assertThat(report.steps()).containsExactly(Map.entry(DunningStep.REMINDER, 1));
		assertThat(steps(invoiceId)).containsExactly("REMINDER");
		assertThat(state(subscription)).isEqualTo("ACTIVE");
		awaitEmail("dunning:" + invoiceId + ":REMINDER", customer.user().email(), "dunning-reminder");

		dunning.run(due.plusDays(14), organisation);
		dunning.run(due.plusDays(14), organisation);
		assertThat(steps(invoiceId)).containsExactly("REMINDER", "SUSPEND");
		assertThat(state(subscription)).isEqualTo("SUSPENDED");
		assertThat(events.stream(SubscriptionSuspended.class)
			.filter(event -> event.subscriptionId().id().equals(subscription))).hasSize(1);
		assertThat(events.stream(DunningStepTaken.class).filter(event -> event.invoiceId().id().equals(invoiceId)))
			.extracting(DunningStepTaken::step).containsExactly(DunningStep.REMINDER, DunningStep.SUSPEND);
		awaitEmail("dunning:" + invoiceId + ":SUSPEND", customer.user().email(), "dunning-suspended");
		assertThat(emails(invoiceId)).isEqualTo(2);

		assertThat(api.pay(operator, invoiceId, "35.70", today.toString(), "late transfer")).hasStatus(201);
		assertThat(state(subscription)).isEqualTo("ACTIVE");
		assertThat(events.stream(SubscriptionResumed.class)
			.filter(event -> event.subscriptionId().id().equals(subscription))).hasSize(1);
		assertThat(events.stream(InvoicePaid.class).filter(event -> event.invoiceId().id().equals(invoiceId)))
			.hasSize(1);

		dunning.run(due.plusDays(30), organisation);
		assertThat(steps(invoiceId)).containsExactly("REMINDER", "SUSPEND");
		assertThat(state(subscription)).isEqualTo("ACTIVE");
	}

	@Test
	void at_30_days_the_subscriptions_are_cancelled_and_running_again_takes_no_step_twice() {
		Customer customer = billing.customer();
		UUID first = billing.subscription(customer, "10.00", "EUR", today);
		UUID second = billing.subscription(customer, "5.00", "EUR", today);
		api.issue(operator, today);
		Map<String, Object> invoice = api.onlyInvoice(customer.user());
		UUID invoiceId = BillingCalls.id(invoice);
		LocalDate due = LocalDate.parse((String) invoice.get("dueAt"));
		OrganisationId organisation = new OrganisationId(customer.organisationId());

		dunning.run(due.plusDays(14), organisation);
		assertThat(state(first)).isEqualTo("SUSPENDED");
		assertThat(state(second)).isEqualTo("SUSPENDED");

		Dunning.Report report = dunning.run(due.plusDays(30), organisation);
		Dunning.Report again = dunning.run(due.plusDays(31), organisation);

		assertThat(report.steps()).containsExactly(Map.entry(DunningStep.CANCEL, 1));
		assertThat(again.steps()).isEmpty();
		assertThat(steps(invoiceId)).containsExactly("REMINDER", "SUSPEND", "CANCEL");
		assertThat(state(first)).isEqualTo("CANCELLED");
		assertThat(state(second)).isEqualTo("CANCELLED");
		assertThat(jdbc.sql("select subscriptions_affected from dunning_steps where invoice_id = :id and step = 'CANCEL'")
			.param("id", invoiceId).query(Integer.class).single()).isEqualTo(2);
		assertThat(events.stream(SubscriptionCancelled.class)
			.filter(event -> List.of(first, second).contains(event.subscriptionId().id()))).hasSize(2);
		awaitEmail("dunning:" + invoiceId + ":REMINDER", customer.user().email(), "dunning-reminder");
		awaitEmail("dunning:" + invoiceId + ":CANCEL", customer.user().email(), "dunning-cancelled");
		awaitEmail("dunning:" + invoiceId + ":SUSPEND", customer.user().email(), "dunning-suspended");
		assertThat(emails(invoiceId)).isEqualTo(3);
		assertThat(jdbc.sql("""
				select o.text_body from email_outbox o join email_deliveries d on d.id = o.delivery_id
				where d.idempotency_key = :key
				""").param("key", "dunning:" + invoiceId + ":CANCEL").query(String.class).single())
			.contains((String) invoice.get("number")).contains("cancelled").contains("30 days overdue");
	}

	@Test
	void a_paid_invoice_is_not_dunned() {
		Customer customer = billing.customer();
		UUID subscription = billing.subscription(customer, "10.00", "EUR", today);
		api.issue(operator, today);
		Map<String, Object> invoice = api.onlyInvoice(customer.user());
		UUID invoiceId = BillingCalls.id(invoice);
		assertThat(api.pay(operator, invoiceId, "11.90", today.toString(), "on time")).hasStatus(201);

		dunning.run(LocalDate.parse((String) invoice.get("dueAt")).plusDays(40),
				new OrganisationId(customer.organisationId()));

		assertThat(steps(invoiceId)).isEmpty();
		assertThat(state(subscription)).isEqualTo("ACTIVE");
	}

	private List<String> steps(UUID invoiceId) {
		return jdbc.sql("select step from dunning_steps where invoice_id = :id order by days_overdue, taken_at, step")
			.param("id", invoiceId).query(String.class).list();
	}

	private String state(UUID subscription) {
		return jdbc.sql("select state from subscriptions where id = :id").param("id", subscription)
			.query(String.class).single();
	}

	private long emails(UUID invoiceId) {
		return jdbc.sql("select count(*) from email_deliveries where idempotency_key like :key")
			.param("key", "dunning:" + invoiceId + ":%").query(Long.class).single();
	}

	private void awaitEmail(String key, String to, String template) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql("""
				select recipient, template from email_deliveries
				where idempotency_key = :key and status in ('SENT', 'OUTBOX')
				""").param("key", key).query((rs, row) -> rs.getString(1) + " " + rs.getString(2)).list())
			.containsExactly(to + " " + template));
	}
}
