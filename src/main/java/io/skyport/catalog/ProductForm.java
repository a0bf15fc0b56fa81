package io.skyport.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.errors.InvalidInputException;

/**
 * The product form of the vendor pages as submitted. Every field is text (tags and ports comma-separated), so binding
 * cannot fail; {@link CatalogRules} judges the values.
 */
record ProductForm(@Nullable String name, @Nullable String slug, @Nullable String shortDescription,
		@Nullable String longDescription, @Nullable String category, @Nullable String tags,
		@Nullable String supportEmail, @Nullable String supportUrl, @Nullable String guestConfiguration,
		@Nullable String accessUrl, @Nullable String defaultUsername, @Nullable String defaultPassword,
		@Nullable String ports) {

	static ProductForm empty() {
		return new ProductForm(null, null, null, null, null, null, null, null, null, null, null, null, null);
	}

	static ProductForm of(ProductFields fields) {
		ProductLogin login = fields.login();
		return new ProductForm(fields.name(), fields.slug(), fields.shortDescription(), fields.longDescription(),
				fields.category(), String.join(", ", fields.tags()), fields.supportEmail(), fields.supportUrl(),
				fields.guestConfiguration(), login.accessUrl(), login.defaultUsername(), login.defaultPassword(),
				login.ports().stream().map(String::valueOf).collect(Collectors.joining(", ")));
	}

	/** @throws InvalidInputException if a port is not a number. */
	ProductInput input() {
		List<String> tagList = tags == null || tags.isBlank() ? List.of()
				: Arrays.stream(tags.split(",")).map(String::strip).filter(tag -> !tag.isEmpty()).toList();
		return new ProductInput(name, slug, shortDescription, longDescription, category, tagList, supportEmail, supportUrl,
				guestConfiguration, accessUrl, defaultUsername, defaultPassword, portList());
	}

	private List<Integer> portList() {
		List<Integer> list = new ArrayList<>();
		if (ports == null || ports.isBlank()) {
			return list;
		}
		for (String token : ports.split("[,\\s]+")) {
			if (token.isEmpty()) {
				continue;
			}
			if (!token.matches("[0-9]{1,9}")) {
				throw InvalidInputException.of("ports", "'" + (token.length() > 20 ? token.substring(0, 20) + "…" : token)
						+ "' is not a port number: list TCP ports from 1 to 65535, separated by commas, e.g. 22, 443.");
			}
			list.add(Integer.parseInt(token));
		}
		return list;
	}
}
