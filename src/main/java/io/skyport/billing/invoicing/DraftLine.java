package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.money.Money;

/**
 * A line of a document before it is issued.
 *
 * @param from the first day the line covers, if it covers a period.
 * @param to the last day the line covers (inclusive, as printed).
 * @param amount {@code quantity × unitPrice}, rounded half-up to the minor unit; negative for a credit on an invoice.
 */
record DraftLine(Kind kind, @Nullable UUID subscriptionId, String description, @Nullable LocalDate from, @Nullable LocalDate to,
		BigDecimal quantity, BigDecimal unitPrice, Money amount) {

	enum Kind {
		/** A month of a plan, in advance (prorated when the subscription ends within it). */
		PLAN,
		/** Bandwidth above the plan's allowance, or hours of direct servers, in arrears. */
		USAGE,
		/** Unused days of a paid period given back. */
		CREDIT
	}

	/** A line of one unit at {@code amount}. */
	static DraftLine single(Kind kind, UUID subscriptionId, String description, LocalDate from, LocalDate to,
			Money amount) {
		return new DraftLine(kind, subscriptionId, description, from, to, BigDecimal.ONE, amount.amount(), amount);
	}

	/** {@code quantity × unitPrice}, rounded half-up to the currency's minor unit. */
	static DraftLine priced(Kind kind, @Nullable UUID subscriptionId, String description, LocalDate from, LocalDate to,
			BigDecimal quantity, BigDecimal unitPrice, String currency) {
		return new DraftLine(kind, subscriptionId, description, from, to, quantity, unitPrice,
				Money.rounded(quantity.multiply(unitPrice), currency));
	}

	DraftLine negated() {
		return new DraftLine(kind, subscriptionId, description, from, to, quantity, unitPrice.negate(),
				new Money(amount.amount().negate(), amount.currency()));
	}
}
