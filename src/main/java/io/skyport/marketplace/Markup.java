package io.skyport.marketplace;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import io.skyport.platform.money.Money;

/**
 * A reseller's markup: a percentage added to every price, or the category's own percentage where one is set.
 * Marked-up amounts are rounded half-up to the currency's minor unit.
 */
record Markup(BigDecimal percent, Map<String, BigDecimal> percentByCategory) {

	static final Markup NONE = new Markup(BigDecimal.ZERO, Map.of());

	BigDecimal percentFor(String category) {
		return percentByCategory.getOrDefault(category, percent);
	}

	/** The multiplier for a category, e.g. 1.15 for 15 %. */
	BigDecimal factorFor(String category) {
		return factor(percentFor(category));
	}

	BigDecimal defaultFactor() {
		return factor(percent);
	}

	Money apply(Money price, String category) {
		BigDecimal percentage = percentFor(category);
		return percentage.signum() == 0 ? price : price.times(factor(percentage));
	}

	boolean isNone() {
		return percent.signum() == 0 && percentByCategory.values().stream().allMatch(p -> p.signum() == 0);
	}

	private static BigDecimal factor(BigDecimal percentage) {
		return BigDecimal.ONE.add(percentage.divide(BigDecimal.valueOf(100), 6, RoundingMode.UNNECESSARY));
	}
}
