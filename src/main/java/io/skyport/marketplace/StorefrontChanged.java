package io.skyport.marketplace;

import java.util.UUID;

/** A reseller changed their storefront's address, theme or markup. */
public record StorefrontChanged(UUID storefrontId) {
}
