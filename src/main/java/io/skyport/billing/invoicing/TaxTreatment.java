package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.money.Money;

/**
 * How VAT applies to one customer's document: a rate, or the reverse charge (0 %, the customer accounts for VAT).
 *
 * @param ratePercent e.g. 19 or 25.5; 0 for the reverse charge.
 */
record TaxTreatment(BigDecimal ratePercent, boolean reverseCharge) {

	static final String REVERSE_CHARGE_NOTE = "Reverse charge: VAT to be accounted for by the recipient.";

	TaxTreatment {
		if (ratePercent.signum() < 0 || ratePercent.compareTo(BigDecimal.valueOf(100)) > 0) {
			throw new IllegalArgumentException("A VAT rate is between 0 and 100 %, not " + ratePercent);
		}
		if (reverseCharge && ratePercent.signum() != 0) {
			throw new IllegalArgumentException("The reverse charge has no rate");
		}
		ratePercent = ratePercent.signum() == 0 ? BigDecimal.ZERO : ratePercent.stripTrailingZeros();
		if (ratePercent.scale() < 0) {
			ratePercent = ratePercent.setScale(0);
		}
	}

	static TaxTreatment rate(BigDecimal percent) {
		return new TaxTreatment(percent, false);
	}

	static TaxTreatment reverseChargeOnly() {
		return new TaxTreatment(BigDecimal.ZERO, true);
	}

	String label() {
		return reverseCharge ? "VAT (reverse charge)" : "VAT";
	}

	/** The note printed on the document, if any. */
	@Nullable String note() {
		return reverseCharge ? REVERSE_CHARGE_NOTE : null;
	}

	/** The tax on a subtotal: {@code base × rate / 100}, rounded half-up to the currency's minor unit. */
	TaxLine on(Money base) {
		BigDecimal amount = base.amount().multiply(ratePercent)
			.divide(BigDecimal.valueOf(100), base.amount().scale(), RoundingMode.HALF_UP);
		return new TaxLine(label(), ratePercent, base, new Money(amount, base.currency()));
	}

	/** One tax line of a document: the rate applied to the subtotal of the lines it covers. */
	record TaxLine(String label, BigDecimal ratePercent, Money base, Money amount) {
	}
}
