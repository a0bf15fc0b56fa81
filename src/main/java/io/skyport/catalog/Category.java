package io.skyport.catalog;

/** A storefront category, e.g. {@code databases}. */
public record Category(String slug, String name) {
}
