package io.skyport.billing;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;

/**
 * A credit note was issued: money owed to the customer, e.g. the unused days of an immediately cancelled
 * subscription when no invoice came to deduct them from, or an operator's correction of an invoice.
 *
 * @param number e.g. {@code SKC-2026-000007}.
 * @param creditedInvoiceId the invoice it cancels in full, or {@literal null} for a credit of unused days.
 */
public record CreditNoteIssued(InvoiceId creditNoteId, OrganisationId organisationId, String number,
		@Nullable InvoiceId creditedInvoiceId) {
}
