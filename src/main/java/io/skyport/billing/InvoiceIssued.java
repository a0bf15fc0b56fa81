package io.skyport.billing;

import io.skyport.accounts.OrganisationId;

/**
 * An invoice was issued (committed with its number, lines and totals; it never changes afterwards). Billing renders
 * its PDF and e-mails it to the customer from this event; payments and dunning start counting from it.
 *
 * @param number e.g. {@code SKY-2026-000123}.
 */
public record InvoiceIssued(InvoiceId invoiceId, OrganisationId organisationId, String number) {
}
