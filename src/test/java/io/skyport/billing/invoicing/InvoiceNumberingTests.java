package io.skyport.billing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.accounts.AccountFixtures;
import io.skyport.billing.invoicing.InvoicingFixtures.Customer;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * Document numbers stay gapless and unique when many issuers run at once and some roll back.
 */
@SkyportIntegrationTest
class InvoiceNumberingTests {

	@Autowired
	InvoiceRuns runs;

	@Autowired
	DocumentNumbers numbers;

	@Autowired
	InvoicingFixtures billing;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void twenty_concurrent_runs_issue_each_invoice_once_with_gapless_unique_numbers() throws Exception {
		List<Customer> customers = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Customer customer = billing.customer();
			billing.subscription(customer, "10.00", "EUR", billing.today().minusDays(i));
			customers.add(customer);
		}
		UUID operator = accounts.operator().user().userId().id();
		CountDownLatch start = new CountDownLatch(1);
		List<InvoiceRuns.RunReport> reports = Collections.synchronizedList(new ArrayList<>());
		try (ExecutorService threads = Executors.newFixedThreadPool(20)) {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				done.add(threads.submit(() -> {
					start.await();
					reports.add(runs.run(billing.today(), false, operator));
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : done) {
				future.get();
			}
		}

		for (Customer customer : customers) {
			assertThat(jdbc.sql("select count(*) from invoices where organisation_id = :org")
				.param("org", customer.organisationId()).query(Integer.class).single())
				.as("invoices of %s", customer.organisationId()).isEqualTo(1);
		}
		// other tests' customers in the shared database may fail (some have no billing details on purpose); ours not
		List<UUID> ours = customers.stream().map(Customer::organisationId).toList();
		assertThat(reports).hasSize(20).allSatisfy(report -> assertThat(report.failures())
			.noneMatch(failure -> ours.contains(failure.organisationId())));
		assertThat(reports.stream().mapToInt(InvoiceRuns.RunReport::invoices).sum())
			.isEqualTo(reports.stream().flatMap(r -> r.documents().stream()).map(d -> d.number()).distinct().count());
		assertGapless("SKY", billing.today().getYear());
	}

	@Test
	void a_rolled_back_issue_gives_its_number_back_even_while_others_take_numbers() throws Exception {
		int year = ThreadLocalRandom.current().nextInt(3000, 9000);
		TransactionTemplate transaction = new TransactionTemplate(transactionManager);
		List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService threads = Executors.newFixedThreadPool(20)) {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < 60; i++) {
				boolean rollBack = i % 3 == 0;
				done.add(threads.submit(() -> {
					start.await();
					transaction.executeWithoutResult(status -> {
						int number = numbers.next(InvoiceKind.CREDIT_NOTE, year);
						if (rollBack) {
							status.setRollbackOnly();
						}
						else {
							committed.add(number);
						}
					});
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : done) {
				future.get();
			}
		}
		assertThat(committed).hasSize(40).doesNotHaveDuplicates();
		assertThat(Collections.max(committed)).isEqualTo(40);
		assertThat(jdbc.sql("select last_number from document_number_counters where prefix = 'SKC' and year = :year")
			.param("year", year).query(Integer.class).single()).isEqualTo(40);
	}

	@Test
	void numbers_are_formatted_with_prefix_year_and_six_digits() {
		assertThat(DocumentNumbers.format(InvoiceKind.INVOICE, 2026, 123)).isEqualTo("SKY-2026-000123");
		assertThat(DocumentNumbers.format(InvoiceKind.CREDIT_NOTE, 2026, 1_234_567)).isEqualTo("SKC-2026-1234567");
	}

	/** Across the whole database, whoever issued them: sequence numbers 1..n, each once. */
	private void assertGapless(String prefix, int year) {
		Map<String, Object> stats = jdbc.sql("""
				select count(*) as issued, count(distinct number_sequence) as distinct_numbers,
					coalesce(max(number_sequence), 0) as highest
				from invoices where substr(number, 1, 3) = :prefix and number_year = :year
				""").param("prefix", prefix).param("year", year).query().singleRow();
		assertThat(((Number) stats.get("issued")).longValue()).isPositive()
			.isEqualTo(((Number) stats.get("distinct_numbers")).longValue())
			.isEqualTo(((Number) stats.get("highest")).longValue());
	}
}
