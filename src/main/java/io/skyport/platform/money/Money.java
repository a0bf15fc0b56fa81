package io.skyport.platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.errors.InvalidInputException.Violation;

/**
 * An amount in a currency. The amount never has more decimals than the currency's minor unit (2 for EUR, 0 for JPY,
 * 3 for KWD); arithmetic that produces more rounds half-up to the minor unit.
 */
public record Money(BigDecimal amount, String currency) implements Comparable<Money> {

	private static final Map<String, String> SYMBOLS = Map.of("EUR", "€", "USD", "$", "GBP", "£", "JPY", "¥");

	public Money {
		Currency unit = currencyOf(currency);
		if (amount.scale() > unit.getDefaultFractionDigits()) {
			throw new IllegalArgumentException(amount + " has more decimals than " + currency + " allows");
		}
		amount = amount.setScale(unit.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
	}

	public static Money of(String amount, String currency) {
		return new Money(new BigDecimal(amount), currency);
	}

	/** Rounds half-up to the currency's minor unit. */
	public static Money rounded(BigDecimal amount, String currency) {
		return new Money(amount.setScale(currencyOf(currency).getDefaultFractionDigits(), RoundingMode.HALF_UP), currency);
	}

	public static Money zero(String currency) {
		return new Money(BigDecimal.ZERO, currency);
	}

	/**
	 * Validates an amount typed by a person or sent to the API.
	 *
	 * @return the money, or {@literal null} with the reasons added to {@code violations}.
	 */
	public static @Nullable Money parse(String field, @Nullable BigDecimal amount, @Nullable String currency,
			BigDecimal maximum, List<Violation> violations) {
		Currency unit = currency == null ? null : knownCurrency(currency.strip().toUpperCase(Locale.ROOT));
		if (unit == null) {
			violations.add(new Violation("currency", "Use a three-letter ISO currency code such as EUR, USD or GBP."));
		}
		if (amount == null) {
			violations.add(new Violation(field, "Enter an amount."));
			return null;
		}
		if (amount.signum() < 0) {
			violations.add(new Violation(field, "The amount cannot be negative."));
			return null;
		}
		if (amount.compareTo(maximum) > 0) {
			violations.add(new Violation(field, "The amount cannot be more than " + maximum.toPlainString() + "."));
			return null;
		}
		if (unit == null) {
			return null;
		}
		BigDecimal normalised = amount.stripTrailingZeros();
		int decimals = Math.max(0, normalised.scale());
		if (decimals > unit.getDefaultFractionDigits()) {
			violations.add(new Violation(field, amount.toPlainString() + " has " + decimals + " decimals; "
					+ unit.getCurrencyCode() + " amounts have at most " + unit.getDefaultFractionDigits() + "."));
			return null;
		}
		return new Money(normalised.scale() < 0 ? normalised.setScale(0) : normalised, unit.getCurrencyCode());
	}

	public Money plus(Money other) {
		requireSameCurrency(other);
		return new Money(amount.add(other.amount), currency);
	}

	public Money minus(Money other) {
		requireSameCurrency(other);
		return new Money(amount.subtract(other.amount), currency);
	}

	/** Multiplies and rounds half-up to the minor unit. */
	public Money times(BigDecimal factor) {
		return rounded(amount.multiply(factor), currency);
	}

	public boolean isZero() {
		return amount.signum() == 0;
	}

	/** For people: "€12.50", "$3.00", "CHF 7.00". */
	public String display() {
		String symbol = SYMBOLS.get(currency);
		String number = String.format(Locale.ROOT, "%,." + amount.scale() + "f", amount);
		return symbol != null ? symbol + number : currency + " " + number;
	}

	@Override
	public int compareTo(Money other) {
		requireSameCurrency(other);
		return amount.compareTo(other.amount);
	}

	@Override
	public String toString() {
		return amount.toPlainString() + " " + currency;
	}

	private void requireSameCurrency(Money other) {
		if (!currency.equals(other.currency)) {
			throw new IllegalArgumentException("Cannot combine " + currency + " and " + other.currency);
		}
	}

	private static Currency currencyOf(String code) {
		Currency unit = knownCurrency(code);
		if (unit == null) {
			throw new IllegalArgumentException("Unknown currency " + code);
		}
		return unit;
	}

	private static @Nullable Currency knownCurrency(String code) {
		if (code.length() != 3) {
			return null;
		}
		try {
			Currency unit = Currency.getInstance(code);
			return unit.getDefaultFractionDigits() < 0 ? null : unit;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
