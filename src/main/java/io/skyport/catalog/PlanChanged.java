package io.skyport.catalog;

/** A plan was created or changed; {@code versionNumber} is the new current version. */
public record PlanChanged(PlanId planId, ProductId productId, int versionNumber) {
}
