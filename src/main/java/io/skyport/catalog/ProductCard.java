package io.skyport.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.money.Money;

/**
 * A published product as the storefront grid shows it.
 *
 * @param logoUrl the logo thumbnail, or {@literal null} if the vendor has not uploaded one.
 * @param lowestMonthlyPrice the cheapest plan's monthly price, or {@literal null} without plans.
 * @param ratingAverage 0 when there are no visible reviews.
 */
public record ProductCard(ProductId id, String slug, String name, String shortDescription, String vendorName,
		Category category, List<String> tags, @Nullable String logoUrl, String brandBackground, String brandText,
		double ratingAverage, int ratingCount, @Nullable Money lowestMonthlyPrice) {
}
