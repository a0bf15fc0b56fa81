package io.skyport.marketplace;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * How a storefront looks and where its links point, for templates.
 *
 * @param base the path prefix of the storefront's links: "" for the operator's storefront and custom domains,
 * {@code /m/<slug>} otherwise.
 * @param storefrontId {@literal null} for the operator's own storefront.
 * @param slug the reseller storefront's slug (also when served on its own domain), {@literal null} for the operator's:
 * order links carry it, so the order is priced as this storefront shows it.
 */
record StorefrontTheme(@Nullable UUID storefrontId, @Nullable String slug, String base, String name, @Nullable String tagline,
		String primaryColour, String primaryText, String accentColour, String accentText, @Nullable String logoUrl,
		Markup markup) {

	public boolean isReseller() {
		return storefrontId != null;
	}

	/** A link inside this storefront, e.g. {@code link("/products")}. */
	public String link(String path) {
		return base + path;
	}

	/** The inline CSS custom properties that colour the storefront (values are validated hex colours). */
	public String cssVariables() {
		return "--store-primary:" + primaryColour + ";--store-primary-text:" + primaryText + ";--store-accent:"
				+ accentColour + ";--store-accent-text:" + accentText;
	}
}
