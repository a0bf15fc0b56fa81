package io.skyport.catalog;

import io.skyport.accounts.OrganisationId;

/**
 * A product by ID, whatever its status: who sells it and whether it is on sale. For modules that keep referring to a
 * product after it was bought (billing: orders, subscriptions, who may review it).
 *
 * @param category the category's slug.
 */
public record ProductReference(ProductId id, String slug, String name, String category, OrganisationId vendorId,
		String vendorName, ProductStatus status) {

	public boolean isPublished() {
		return status == ProductStatus.PUBLISHED;
	}
}
