package io.skyport.billing.invoicing;

/**
 * Where an issued document stands. An invoice is {@code OPEN} until it is paid ({@code PAID}) or cancelled in full by
 * a credit note ({@code CREDITED}); a credit note is {@code OPEN} until the credit is paid out or settled
 * ({@code PAID}). The amounts never change: only the status moves.
 */
public enum InvoiceStatus {
	OPEN, PAID, CREDITED
}
