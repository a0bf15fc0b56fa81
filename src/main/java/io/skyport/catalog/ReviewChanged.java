package io.skyport.catalog;

import java.util.UUID;

/** A review was written, edited, answered or hidden: the product's rating may have changed. */
public record ReviewChanged(UUID reviewId, ProductId productId) {
}
