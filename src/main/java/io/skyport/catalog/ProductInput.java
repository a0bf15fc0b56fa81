package io.skyport.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A product as a vendor submits it (form, API or import), before validation.
 *
 * @param slug the storefront address ({@code /products/<slug>}); derived from the name when blank.
 * @param longDescription Markdown.
 */
record ProductInput(@Nullable String name, @Nullable String slug, @Nullable String shortDescription,
		@Nullable String longDescription, @Nullable String category, @Nullable List<String> tags,
		@Nullable String supportEmail, @Nullable String supportUrl) {
}
