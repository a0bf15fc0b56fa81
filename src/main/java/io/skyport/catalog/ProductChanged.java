package io.skyport.catalog;

import io.skyport.accounts.OrganisationId;

/** A product's details, media or plans changed (storefront caches drop it). */
public record ProductChanged(ProductId productId, OrganisationId vendorId) {
}
