package io.skyport.billing;

import java.time.Instant;
import java.util.UUID;

import io.skyport.accounts.OrganisationId;
import io.skyport.accounts.UserId;
import io.skyport.platform.money.Money;

/** An operator recorded a payment of an invoice (the invoice is paid in full: {@link InvoicePaid} follows). */
public record PaymentRecorded(UUID paymentId, InvoiceId invoiceId, String invoiceNumber, OrganisationId organisationId,
		Money amount, UserId recordedBy, Instant recordedAt) {
}
