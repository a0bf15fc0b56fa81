package io.skyport.catalog;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Everything the product page shows except reviews (see {@link Catalog#reviews}).
 *
 * @param longDescription the vendor's Markdown.
 * @param longDescriptionHtml that Markdown rendered to safe HTML (raw HTML escaped, unsafe links dropped).
 * @param plans the plans on sale, cheapest first.
 */
public record ProductDetails(ProductCard card, ProductStatus status, String longDescription, String longDescriptionHtml,
		@Nullable String supportEmail, @Nullable String supportUrl, @Nullable String logoUrl,
		List<Screenshot> screenshots, List<PlanSnapshot> plans, @Nullable Instant publishedAt) {

	/** A screenshot with its full-size and thumbnail URLs. */
	public record Screenshot(String url, String thumbnailUrl, int width, int height, @Nullable String caption) {
	}
}
