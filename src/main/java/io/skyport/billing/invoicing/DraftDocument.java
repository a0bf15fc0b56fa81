package io.skyport.billing.invoicing;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.money.Money;

/**
 * An invoice or credit note before it is issued: its lines, the tax on their subtotal, and what it settles. On a
 * credit note every amount is positive (the kind says it is owed to the customer); on an invoice a credit is a
 * negative line, and the total is never negative.
 */
record DraftDocument(InvoiceKind kind, String currency, TaxTreatment tax, List<DraftLine> lines, Guards guards) {

	DraftDocument {
		lines = List.copyOf(lines);
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("A document has at least one line");
		}
		for (DraftLine line : lines) {
			if (!line.amount().currency().equals(currency)) {
				throw new IllegalArgumentException("A " + currency + " document cannot hold a line in "
						+ line.amount().currency());
			}
		}
	}

	/** The sum of the lines' amounts. */
	Money subtotal() {
		return lines.stream().map(DraftLine::amount).reduce(Money.zero(currency), Money::plus);
	}

	TaxTreatment.TaxLine taxLine() {
		return tax.on(subtotal());
	}

	/** Subtotal plus tax. */
	Money total() {
		return subtotal().plus(taxLine().amount());
	}

	@Nullable String note() {
		return tax.note();
	}
}
