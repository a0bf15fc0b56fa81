package io.skyport.catalog;

import java.util.List;
import java.util.UUID;

/**
 * What a catalog import did. A product is {@code updated} when its fields, one of its plans or its status changed.
 */
record ImportSummary(int created, int updated, int unchanged, int plansCreated, int plansChanged, int plansUnchanged,
		int published, List<ImportedProduct> products) {

	/** @param action {@code created}, {@code updated} or {@code unchanged}. */
	record ImportedProduct(String slug, UUID id, String action) {
	}
}
