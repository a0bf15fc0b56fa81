package io.skyport.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A product's validated, editable fields.
 *
 * @param guestConfiguration the vendor's cloud-init {@code #cloud-config} for the product's VMs, or {@literal null}.
 * @param login how customers reach the product on their server (not public).
 */
record ProductFields(String name, String slug, String shortDescription, String longDescription, String category,
		List<String> tags, @Nullable String supportEmail, @Nullable String supportUrl,
		@Nullable String guestConfiguration, ProductLogin login) {
}
