package io.skyport.billing.payments;

import io.skyport.billing.InvoiceId;
import io.skyport.platform.money.Money;

/**
 * A request to collect an invoice's open total.
 *
 * @param idempotencyKey the same key for every attempt of one charge, e.g. {@code charge:<invoiceId>}.
 * @param description shown on the customer's statement, e.g. the invoice number.
 */
public record ChargeRequest(String idempotencyKey, InvoiceId invoiceId, Money amount, String description) {
}
