package io.skyport.catalog;

import io.skyport.accounts.OrganisationId;

/** A vendor (or an operator) published a product: it is on the storefront. */
public record ProductPublished(ProductId productId, OrganisationId vendorId) {
}
