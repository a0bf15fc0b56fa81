package io.skyport.billing.documents;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Everything printed on one invoice or credit note, already calculated: the renderer adds nothing and rounds nothing.
 * Amounts are in {@code currency} (ISO 4217); a credit note's amounts may be negative.
 *
 * @param note printed under the totals, e.g. "Reverse charge: VAT to be accounted for by the recipient."
 * @param issuerLogoPng the operator's logo (PNG), printed top left when present.
 */
public record InvoiceDocument(Kind kind, String number, LocalDate issuedOn, LocalDate dueOn, Party issuer,
		Party customer, String currency, List<Line> lines, BigDecimal subtotal, List<TaxLine> taxes, BigDecimal total,
		@Nullable String note, byte @Nullable [] issuerLogoPng) {

	public InvoiceDocument {
		lines = List.copyOf(lines);
		taxes = List.copyOf(taxes);
	}

	public enum Kind {
		INVOICE, CREDIT_NOTE
	}

	/** Issuer or customer: the name, the postal address (one line each), and the VAT number and e-mail if any. */
	public record Party(String name, List<String> addressLines, @Nullable String vatNumber, @Nullable String email) {

		public Party {
			addressLines = List.copyOf(addressLines);
		}
	}

	/** One billed item; the period is printed when both ends are known. */
	public record Line(String description, @Nullable LocalDate periodStart, @Nullable LocalDate periodEnd,
			BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
	}

	/** One tax applied to {@code base}, e.g. "VAT" at 19 %. */
	public record TaxLine(String label, BigDecimal ratePercent, BigDecimal base, BigDecimal amount) {
	}
}
