package io.skyport.catalog;

import io.skyport.accounts.OrganisationId;

/** A published product was withdrawn: no new orders; existing subscriptions are not touched. */
public record ProductWithdrawn(ProductId productId, OrganisationId vendorId) {
}
