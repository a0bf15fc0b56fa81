package io.skyport.billing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.invoicing.InvoicingFixtures.Customer;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * An operator's invoice run is counted with its outcome and duration, its invoices, and the customers it could not
 * invoice; a dry run is not counted.
 */
@SkyportIntegrationTest
class InvoiceRunMetricsTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	InvoicingFixtures billing;

	@Autowired
	MeterRegistry meters;

	@Test
	void a_run_with_a_customer_that_cannot_be_invoiced_counts_as_partial_with_its_invoices_and_failures() {
		InvoicingApi api = new InvoicingApi(mvc, json);
		TestUser operator = accounts.operator();
		LocalDate today = billing.today();
		Customer broken = billing.customerWithoutBillingDetails();
		billing.subscription(broken, "30.00", "EUR", today);
		Customer fine = billing.customer();
		billing.subscription(fine, "30.00", "EUR", today);
		long runs = runs(null);
		long partial = runs("partial");
		double invoices = counter(InvoiceRunMetrics.DOCUMENTS, "kind", "invoice");
		double failures = meters.get(InvoiceRunMetrics.CUSTOMER_FAILURES).counter().count();

		assertThat(api.run(operator, today, true)).hasStatusOk();
		assertThat(runs(null)).as("a dry run is not counted").isEqualTo(runs);

		api.issue(operator, today);

		assertThat(runs(null)).isEqualTo(runs + 1);
		assertThat(runs("partial")).isEqualTo(partial + 1);
		assertThat(counter(InvoiceRunMetrics.DOCUMENTS, "kind", "invoice")).isGreaterThanOrEqualTo(invoices + 1);
		assertThat(meters.get(InvoiceRunMetrics.CUSTOMER_FAILURES).counter().count())
			.isGreaterThanOrEqualTo(failures + 1);
	}

	/** Runs started by operators, with the outcome given or all. */
	private long runs(String outcome) {
		Search search = meters.find(InvoiceRunMetrics.RUNS).tag("trigger", "operator");
		if (outcome != null) {
			search = search.tag("outcome", outcome);
		}
		return search.timers().stream().mapToLong(timer -> timer.count()).sum();
	}

	private double counter(String name, String tag, String value) {
		return meters.get(name).tag(tag, value).counter().count();
	}
}
