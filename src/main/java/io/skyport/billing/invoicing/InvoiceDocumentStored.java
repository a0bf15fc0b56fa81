package io.skyport.billing.invoicing;

import java.util.UUID;

/**
 * The PDF of an issued document is in object storage ({@code invoices.pdf_key} is set): it may be e-mailed. Internal to
 * invoicing; it goes through the publication registry like any event, so a failed e-mail is retried from here.
 */
public record InvoiceDocumentStored(UUID invoiceId) {
}
