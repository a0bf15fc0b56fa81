package io.skyport.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A product as a vendor submits it (form, API or import), before validation.
 *
 * @param slug the storefront address ({@code /products/<slug>}); derived from the name when blank.
 * @param longDescription Markdown.
 * @param guestConfiguration cloud-init {@code #cloud-config} YAML merged into the user-data of the product's VMs.
 */
record ProductInput(@Nullable String name, @Nullable String slug, @Nullable String shortDescription,
		@Nullable String longDescription, @Nullable String category, @Nullable List<String> tags,
		@Nullable String supportEmail, @Nullable String supportUrl, @Nullable String guestConfiguration) {

	/** A product without a guest configuration. */
	ProductInput(@Nullable String name, @Nullable String slug, @Nullable String shortDescription,
			@Nullable String longDescription, @Nullable String category, @Nullable List<String> tags,
			@Nullable String supportEmail, @Nullable String supportUrl) {
		this(name, slug, shortDescription, longDescription, category, tags, supportEmail, supportUrl, null);
	}
}
