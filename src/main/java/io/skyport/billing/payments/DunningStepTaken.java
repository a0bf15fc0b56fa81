package io.skyport.billing.payments;

import java.time.LocalDate;

import io.skyport.accounts.OrganisationId;
import io.skyport.billing.InvoiceId;

/**
 * Dunning took a step on an overdue invoice (committed with the step's row and the subscription changes); the
 * customer is e-mailed from it after the commit.
 *
 * @param daysOverdue days between the due date and {@code takenOn}.
 */
public record DunningStepTaken(InvoiceId invoiceId, OrganisationId organisationId, DunningStep step, LocalDate takenOn,
		int daysOverdue) {
}
