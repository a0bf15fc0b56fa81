package io.skyport.catalog;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A storefront query over published products.
 *
 * @param text words to find in names, tags and descriptions (PostgreSQL full-text search); blank for all.
 * @param minPrice lower bound of the cheapest plan's monthly price, in {@code currency}.
 * @param currency the currency of the price bounds; products priced in another currency are left out when a bound
 * is given.
 * @param page zero-based.
 * @param priceFactors how the storefront marks prices up: bounds and price sorting apply to marked-up prices.
 */
public record ProductSearch(@Nullable String text, @Nullable String category, @Nullable BigDecimal minPrice,
		@Nullable BigDecimal maxPrice, @Nullable String currency, Sort sort, int page, int size,
		PriceFactors priceFactors) {

	public static final int MAX_PAGE_SIZE = 100;

	public ProductSearch(@Nullable String text, @Nullable String category, @Nullable BigDecimal minPrice,
			@Nullable BigDecimal maxPrice, @Nullable String currency, Sort sort, int page, int size) {
		this(text, category, minPrice, maxPrice, currency, sort, page, size, PriceFactors.NONE);
	}

	public ProductSearch withPriceFactors(PriceFactors factors) {
		return new ProductSearch(text, category, minPrice, maxPrice, currency, sort, page, size, factors);
	}

	/**
	 * Multipliers applied to prices before comparing them: one per category, {@code other} for the rest.
	 */
	public record PriceFactors(BigDecimal other, java.util.Map<String, BigDecimal> byCategory) {

		public static final PriceFactors NONE = new PriceFactors(BigDecimal.ONE, java.util.Map.of());

		public boolean isNone() {
			return other.compareTo(BigDecimal.ONE) == 0
					&& byCategory.values().stream().allMatch(f -> f.compareTo(BigDecimal.ONE) == 0);
		}
	}

	public enum Sort {
		/** Best text match first when searching, newest otherwise. */
		RELEVANCE,
		NEWEST,
		PRICE_LOW,
		PRICE_HIGH,
		RATING,
		NAME
	}

	public static ProductSearch firstPage(int size) {
		return new ProductSearch(null, null, null, null, null, Sort.RELEVANCE, 0, size);
	}
}
