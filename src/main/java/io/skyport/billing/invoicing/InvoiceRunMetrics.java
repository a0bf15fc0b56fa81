package io.skyport.billing.invoicing;

import java.time.Duration;
import java.util.Locale;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The invoice runs' series (dry runs are not counted): {@code skyport_billing_invoice_runs_seconds{outcome,trigger}},
 * a timer whose {@code _count} counts runs by outcome and whose buckets give their duration;
 * {@code skyport_billing_invoice_run_documents_total{kind}}, invoices and credit notes issued by runs; and
 * {@code skyport_billing_invoice_run_customer_failures_total}, customers a run could not invoice.
 */
@Component
class InvoiceRunMetrics {

	static final String RUNS = "skyport.billing.invoice.runs";
	static final String DOCUMENTS = "skyport.billing.invoice.run.documents";
	static final String CUSTOMER_FAILURES = "skyport.billing.invoice.run.customer.failures";

	/** How a run ended: every customer invoiced, some not, or the run itself failed. */
	enum Outcome {
		COMPLETED, PARTIAL, FAILED
	}

	private final MeterRegistry meters;
	private final Counter invoices;
	private final Counter creditNotes;
	private final Counter customerFailures;

	InvoiceRunMetrics(MeterRegistry meters) {
		this.meters = meters;
		for (Outcome outcome : Outcome.values()) {
			for (boolean scheduled : new boolean[] { true, false }) {
				timer(outcome, scheduled);
			}
		}
		this.invoices = documents("invoice");
		this.creditNotes = documents("credit_note");
		this.customerFailures = Counter.builder(CUSTOMER_FAILURES)
			.description("Customers an invoice run could not invoice (missing billing details, an error while issuing)")
			.register(meters);
	}

	void finished(Outcome outcome, boolean scheduled, Duration took, int invoicesIssued, int creditNotesIssued,
			int customersFailed) {
		timer(outcome, scheduled).record(took.isNegative() ? Duration.ZERO : took);
		invoices.increment(invoicesIssued);
		creditNotes.increment(creditNotesIssued);
		customerFailures.increment(customersFailed);
	}

	private Timer timer(Outcome outcome, boolean scheduled) {
		return Timer.builder(RUNS)
			.description("Invoice runs by outcome (completed, partial: some customers failed, failed) and trigger "
					+ "(schedule, operator), with their duration")
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.tag("trigger", scheduled ? "schedule" : "operator")
			.serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30),
					Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
					Duration.ofHours(1))
			.register(meters);
	}

	private Counter documents(String kind) {
		return Counter.builder(DOCUMENTS)
			.description("Invoices and credit notes issued by invoice runs")
			.tag("kind", kind)
			.register(meters);
	}
}
