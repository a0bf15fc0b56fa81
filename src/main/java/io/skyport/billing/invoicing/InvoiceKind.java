package io.skyport.billing.invoicing;

/** What a billing document is: an invoice ({@code SKY-} numbers) or a credit note ({@code SKC-} numbers). */
public enum InvoiceKind {

	INVOICE("SKY"), CREDIT_NOTE("SKC");

	private final String prefix;

	InvoiceKind(String prefix) {
		this.prefix = prefix;
	}

	/** The number prefix; each prefix has its own gapless sequence per year. */
	public String prefix() {
		return prefix;
	}

	public String label() {
		return this == INVOICE ? "Invoice" : "Credit note";
	}
}
