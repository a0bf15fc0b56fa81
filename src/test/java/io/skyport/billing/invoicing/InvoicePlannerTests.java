package io.skyport.billing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.skyport.billing.invoicing.BillingSnapshot.DailyUsage;
import io.skyport.billing.invoicing.BillingSnapshot.DueSubscription;
import io.skyport.billing.invoicing.BillingSnapshot.PendingCredit;
import io.skyport.platform.money.Money;

/**
 * What a run decides to issue, without a database.
 */
class InvoicePlannerTests {

	private static final UUID CUSTOMER = UUID.randomUUID();
	private static final Party GERMAN = new Party("Acme GmbH", List.of("Weg 1", "10115 Berlin", "Germany"), null, "DE",
			"billing@acme.test", false);
	private static final Party FRENCH_BUSINESS = new Party("Acme SARL", List.of("Rue 1", "75001 Paris", "France"),
			"FR12345678901", "FR", "billing@acme.test", true);
	private static final TaxTreatment NINETEEN = TaxTreatment.rate(new BigDecimal("19"));

	private final InvoicePlanner planner = new InvoicePlanner(
			new TaxRules("DE", Map.of("DE", new BigDecimal("19"), "FR", new BigDecimal("20")), BigDecimal.ZERO));

	@Test
	void every_period_started_up_to_the_day_is_billed_in_advance_one_line_each() {
		UUID subscription = UUID.randomUUID();
		CustomerPlan plan = single(plan("2026-11-20", GERMAN,
				List.of(due(subscription, "30.00", "2026-10-15", null, null)), List.of(), List.of()));

		DraftDocument invoice = plan.documents().getFirst();
		assertThat(invoice.kind()).isEqualTo(InvoiceKind.INVOICE);
		assertThat(invoice.lines()).extracting(DraftLine::from, DraftLine::to, l -> l.amount().amount().toPlainString())
			.containsExactly(org.assertj.core.groups.Tuple.tuple(day("2026-10-15"), day("2026-11-14"), "30.00"),
					org.assertj.core.groups.Tuple.tuple(day("2026-11-15"), day("2026-12-14"), "30.00"));
		assertThat(invoice.subtotal()).isEqualTo(Money.of("60.00", "EUR"));
		assertThat(invoice.taxLine().amount()).isEqualTo(Money.of("11.40", "EUR"));
		assertThat(invoice.total()).isEqualTo(Money.of("71.40", "EUR"));
		assertThat(invoice.guards().periods()).extracting(Guards.BilledPeriod::periodStart)
			.containsExactly(day("2026-10-15"), day("2026-11-15"));
	}

	@Test
	void a_period_in_which_the_subscription_ends_is_billed_by_the_day_up_to_the_end() {
		UUID subscription = UUID.randomUUID();
		CustomerPlan plan = single(plan("2026-11-20", GERMAN,
				List.of(due(subscription, "30.00", "2026-10-15", day("2026-11-25"), day("2026-11-15"))), List.of(),
				List.of()));

		DraftLine line = plan.documents().getFirst().lines().getFirst();
		assertThat(line.description()).endsWith("(10 of 30 days)");
		assertThat(line.amount()).isEqualTo(Money.of("10.00", "EUR"));
		assertThat(line.to()).isEqualTo(day("2026-11-24"));
		assertThat(plan.documents().getFirst().guards().periods().getFirst().billedUntil()).isEqualTo(day("2026-11-25"));
	}

	@Test
	void unused_days_become_a_negative_line_on_the_next_invoice_with_the_same_tax() {
		UUID cancelled = UUID.randomUUID();
		CustomerPlan plan = single(plan("2026-12-01", GERMAN,
				List.of(due(UUID.randomUUID(), "50.00", "2026-11-01", null, day("2026-12-01"))), List.of(),
				List.of(credit(cancelled, "30.00", "2026-11-10", "2026-12-10", "2026-11-21", NINETEEN, true))));

		DraftDocument invoice = plan.documents().getFirst();
		assertThat(plan.documents()).hasSize(1);
		DraftLine credit = invoice.lines().get(1);
		assertThat(credit.kind()).isEqualTo(DraftLine.Kind.CREDIT);
		assertThat(credit.amount()).isEqualTo(Money.of("-19.00", "EUR"));
		assertThat(credit.description()).contains("19 unused days").contains("SKY-2026-000001");
		assertThat(invoice.subtotal()).isEqualTo(Money.of("31.00", "EUR"));
		assertThat(invoice.guards().credits()).singleElement()
			.satisfies(guard -> assertThat(guard.creditedFrom()).isEqualTo(day("2026-11-21")));
	}

	@Test
	void a_credit_waits_for_the_next_invoice_while_the_customer_has_a_running_subscription() {
		List<CustomerPlan> plans = plan("2026-11-22", GERMAN, List.of(), List.of(),
				List.of(credit(UUID.randomUUID(), "31.00", "2026-11-10", "2026-12-10", "2026-11-21", NINETEEN, true)));
		assertThat(plans).isEmpty();
	}

	@Test
	void without_a_next_invoice_the_credit_becomes_a_credit_note_taxed_like_the_invoice_it_corrects() {
		TaxTreatment original = TaxTreatment.rate(new BigDecimal("16"));
		CustomerPlan plan = single(plan("2026-11-22", GERMAN, List.of(), List.of(),
				List.of(credit(UUID.randomUUID(), "30.00", "2026-11-10", "2026-12-10", "2026-11-21", original, false))));

		DraftDocument note = plan.documents().getFirst();
		assertThat(note.kind()).isEqualTo(InvoiceKind.CREDIT_NOTE);
		assertThat(note.tax()).isEqualTo(original);
		assertThat(note.subtotal()).isEqualTo(Money.of("19.00", "EUR"));
		assertThat(note.taxLine().amount()).isEqualTo(Money.of("3.04", "EUR"));
	}

	@Test
	void a_credit_larger_than_the_invoice_becomes_a_credit_note_so_no_invoice_is_negative() {
		CustomerPlan plan = single(plan("2026-12-01", GERMAN,
				List.of(due(UUID.randomUUID(), "5.00", "2026-11-01", null, day("2026-12-01"))), List.of(),
				List.of(credit(UUID.randomUUID(), "300.00", "2026-11-10", "2026-12-10", "2026-11-12", NINETEEN, true))));

		assertThat(plan.documents()).extracting(DraftDocument::kind)
			.containsExactly(InvoiceKind.INVOICE, InvoiceKind.CREDIT_NOTE);
		assertThat(plan.documents().getFirst().total()).isEqualTo(Money.of("5.95", "EUR"));
		assertThat(plan.documents().get(1).subtotal()).isEqualTo(Money.of("280.00", "EUR"));
	}

	@Test
	void bandwidth_above_the_allowance_is_billed_once_its_period_has_ended() {
		UUID subscription = UUID.randomUUID();
		List<DailyUsage> usage = List.of(usage(subscription, "2026-10-20", "90"), usage(subscription, "2026-11-14", "60.5"),
				usage(subscription, "2026-11-16", "500"));
		CustomerPlan plan = single(plan("2026-11-15", GERMAN,
				List.of(due(subscription, "30.00", "2026-10-15", null, day("2026-11-15"))), usage, List.of()));

		DraftDocument invoice = plan.documents().getFirst();
		DraftLine bandwidth = invoice.lines().get(1);
		assertThat(bandwidth.kind()).isEqualTo(DraftLine.Kind.USAGE);
		assertThat(bandwidth.quantity()).isEqualByComparingTo("50.5");
		assertThat(bandwidth.amount()).isEqualTo(Money.of("2.53", "EUR"));
		assertThat(bandwidth.from()).isEqualTo(day("2026-10-15"));
		assertThat(bandwidth.to()).isEqualTo(day("2026-11-14"));
		assertThat(invoice.guards().usage()).singleElement()
			.satisfies(settled -> assertThat(settled.usedGib()).isEqualByComparingTo("150.5"));
	}

	@Test
	void a_business_customer_abroad_gets_the_reverse_charge_note_and_no_tax() {
		CustomerPlan plan = single(plan("2026-11-20", FRENCH_BUSINESS,
				List.of(due(UUID.randomUUID(), "30.00", "2026-11-15", null, null)), List.of(), List.of()));
		DraftDocument invoice = plan.documents().getFirst();
		assertThat(invoice.taxLine().amount()).isEqualTo(Money.zero("EUR"));
		assertThat(invoice.total()).isEqualTo(Money.of("30.00", "EUR"));
		assertThat(invoice.note()).isEqualTo(TaxTreatment.REVERSE_CHARGE_NOTE);
	}

	@Test
	void one_invoice_per_currency_and_none_for_free_plans() {
		BillingSnapshot snapshot = new BillingSnapshot(Map.of(CUSTOMER, GERMAN),
				List.of(due(UUID.randomUUID(), "30.00", "2026-11-15", null, null),
						new DueSubscription(UUID.randomUUID(), CUSTOMER, "Tool · Pro", Money.of("9.00", "USD"),
								day("2026-11-01"), null, null),
						new DueSubscription(UUID.randomUUID(), CUSTOMER, "Free · Tiny", Money.of("0.00", "GBP"),
								day("2026-11-01"), null, null)),
				List.of(), List.of());
		CustomerPlan plan = single(planner.plan(day("2026-11-20"), snapshot));
		assertThat(plan.documents()).extracting(DraftDocument::currency).containsExactly("EUR", "USD");
		assertThat(plan.withoutDocument().periods()).singleElement()
			.satisfies(period -> assertThat(period.monthlyPrice()).isEqualTo(Money.zero("GBP")));
	}

	@Test
	void a_customer_without_billing_details_is_planned_without_documents_so_the_run_reports_it() {
		BillingSnapshot snapshot = new BillingSnapshot(Map.of(),
				List.of(due(UUID.randomUUID(), "30.00", "2026-11-15", null, null)), List.of(), List.of());
		CustomerPlan plan = single(planner.plan(day("2026-11-20"), snapshot));
		assertThat(plan.customer()).isNull();
		assertThat(plan.documents()).isEmpty();
	}

	private List<CustomerPlan> plan(String asOf, Party customer, List<DueSubscription> due, List<DailyUsage> usage,
			List<PendingCredit> credits) {
		return planner.plan(day(asOf), new BillingSnapshot(Map.of(CUSTOMER, customer), due, usage, credits));
	}

	private static CustomerPlan single(List<CustomerPlan> plans) {
		assertThat(plans).hasSize(1);
		return plans.getFirst();
	}

	private static DueSubscription due(UUID id, String price, String activatedOn, @Nullable LocalDate endsOn,
			@Nullable LocalDate billedThrough) {
		return new DueSubscription(id, CUSTOMER, "PostgreSQL · Small", Money.of(price, "EUR"), day(activatedOn), endsOn,
				billedThrough);
	}

	private static DailyUsage usage(UUID subscription, String day, String gib) {
		return new DailyUsage(subscription, CUSTOMER, "PostgreSQL · Small", "EUR", day("2026-10-15"), 100,
				new BigDecimal("0.0500"), day(day), new BigDecimal(gib));
	}

	private static PendingCredit credit(UUID subscription, String price, String start, String end, String endsOn,
			TaxTreatment original, boolean awaitsNextInvoice) {
		return new PendingCredit(subscription, CUSTOMER, "Redis · Medium", day(start), day(end), day(end), day(endsOn),
				Money.of(price, "EUR"), "SKY-2026-000001", original, awaitsNextInvoice);
	}

	private static LocalDate day(String text) {
		return LocalDate.parse(text);
	}
}
