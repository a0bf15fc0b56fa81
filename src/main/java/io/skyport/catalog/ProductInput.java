package io.skyport.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A product as a vendor submits it (form, API or import), before validation.
 *
 * @param slug the storefront address ({@code /products/<slug>}); derived from the name when blank.
 * @param longDescription Markdown.
 * @param guestConfiguration cloud-init {@code #cloud-config} YAML merged into the user-data of the product's VMs.
 * @param accessUrl where customers open the product, {@code {address}} standing for the server's address, e.g.
 * {@code https://{address}:8443/}.
 * @param defaultUsername the image's initial user name, shown to the customer when the server is ready.
 * @param defaultPassword the image's initial password (which the product tells customers to change); needs a user.
 * @param ports the TCP ports the product listens on.
 * @see ProductLogin
 */
record ProductInput(@Nullable String name, @Nullable String slug, @Nullable String shortDescription,
		@Nullable String longDescription, @Nullable String category, @Nullable List<String> tags,
		@Nullable String supportEmail, @Nullable String supportUrl, @Nullable String guestConfiguration,
		@Nullable String accessUrl, @Nullable String defaultUsername, @Nullable String defaultPassword,
		@Nullable List<Integer> ports) {

	/** A product without access details. */
	ProductInput(@Nullable String name, @Nullable String slug, @Nullable String shortDescription,
			@Nullable String longDescription, @Nullable String category, @Nullable List<String> tags,
			@Nullable String supportEmail, @Nullable String supportUrl, @Nullable String guestConfiguration) {
		this(name, slug, shortDescription, longDescription, category, tags, supportEmail, supportUrl, guestConfiguration,
				null, null, null, null);
	}

	/** A product without a guest configuration. */
	ProductInput(@Nullable String name, @Nullable String slug, @Nullable String shortDescription,
			@Nullable String longDescription, @Nullable String category, @Nullable List<String> tags,
			@Nullable String supportEmail, @Nullable String supportUrl) {
		this(name, slug, shortDescription, longDescription, category, tags, supportEmail, supportUrl, null, null, null,
				null, null);
	}
}
