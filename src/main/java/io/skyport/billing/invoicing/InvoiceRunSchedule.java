package io.skyport.billing.invoicing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The daily invoice run ({@code skyport.billing.run.cron}, {@code -} to turn it off): everything due up to the day it
 * starts on, in {@code skyport.billing.run.zone}. Triggered once per cluster by the recurring task in
 * {@link InvoicingConfiguration}; should two runs still meet (one started by hand), each period is billed once.
 */
@Component
class InvoiceRunSchedule {

	private static final Logger log = LoggerFactory.getLogger(InvoiceRunSchedule.class);

	private final InvoiceRuns runs;
	private final InvoicingSettings settings;
	private final Clock clock;

	InvoiceRunSchedule(InvoiceRuns runs, InvoicingSettings settings, Clock clock) {
		this.runs = runs;
		this.settings = settings;
		this.clock = clock;
	}

	void runDaily() {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(settings.run().zone()));
		try {
			runs.run(today, false, null);
		}
		catch (RuntimeException ex) {
			log.error("The scheduled invoice run as of {} failed; the next one tries again", today, ex);
		}
	}
}
