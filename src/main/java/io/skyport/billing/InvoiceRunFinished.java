package io.skyport.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An invoice run (not a dry run) finished, started by an operator or by the schedule.
 *
 * @param customersFailed organisations that could not be invoiced (each is listed with the run).
 */
public record InvoiceRunFinished(UUID runId, LocalDate asOf, boolean scheduled, int invoicesIssued,
		int creditNotesIssued, int customersFailed, Instant finishedAt) {
}
