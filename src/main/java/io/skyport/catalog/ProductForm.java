package io.skyport.catalog;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The product form of the vendor pages as submitted. Every field is text (tags comma-separated), so binding cannot
 * fail; {@link CatalogRules} judges the values.
 */
record ProductForm(@Nullable String name, @Nullable String slug, @Nullable String shortDescription,
		@Nullable String longDescription, @Nullable String category, @Nullable String tags,
		@Nullable String supportEmail, @Nullable String supportUrl, @Nullable String guestConfiguration) {

	static ProductForm empty() {
		return new ProductForm(null, null, null, null, null, null, null, null, null);
	}

	static ProductForm of(ProductFields fields) {
		return new ProductForm(fields.name(), fields.slug(), fields.shortDescription(), fields.longDescription(),
				fields.category(), String.join(", ", fields.tags()), fields.supportEmail(), fields.supportUrl(),
				fields.guestConfiguration());
	}

	ProductInput input() {
		List<String> tagList = tags == null || tags.isBlank() ? List.of()
				: Arrays.stream(tags.split(",")).map(String::strip).filter(tag -> !tag.isEmpty()).toList();
		return new ProductInput(name, slug, shortDescription, longDescription, category, tagList, supportEmail, supportUrl,
				guestConfiguration);
	}
}
