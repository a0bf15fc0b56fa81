package io.skyport.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A product as its vendor (or an operator) edits it: drafts and archived plans included. */
record ProductView(UUID id, String vendorName, ProductStatus status, ProductFields fields, @Nullable String logoUrl,
		String brandBackground, String brandText, List<ScreenshotView> screenshots, List<PlanView> plans,
		double ratingAverage, int ratingCount, Instant createdAt, Instant updatedAt, @Nullable Instant publishedAt) {

	record ScreenshotView(UUID id, String url, String thumbnailUrl, int width, int height, @Nullable String caption) {
	}

	/** A plan's current version and whether it is on sale. */
	record PlanView(UUID id, int versionNumber, boolean archived, PlanSnapshot current) {
	}
}
