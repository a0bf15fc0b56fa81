package io.skyport.billing;

import io.skyport.accounts.OrganisationId;

/**
 * An invoice was paid in full (its status is {@code PAID}); subscriptions that dunning suspended for it are active
 * again, each with its {@link SubscriptionResumed}.
 */
public record InvoicePaid(InvoiceId invoiceId, OrganisationId organisationId) {
}
