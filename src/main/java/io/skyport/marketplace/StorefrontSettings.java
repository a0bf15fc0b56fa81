package io.skyport.marketplace;

import java.math.BigDecimal;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A storefront's validated settings.
 *
 * @param markupPercent added to every price unless the product's category has its own entry in
 * {@code categoryMarkups}.
 */
record StorefrontSettings(String slug, String name, @Nullable String tagline, String primaryColour, String accentColour,
		@Nullable String customDomain, BigDecimal markupPercent, Map<String, BigDecimal> categoryMarkups) {
}
