package io.skyport.billing.invoicing;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The issuer or the customer as printed on a document, frozen when it is issued.
 *
 * @param country ISO 3166-1 alpha-2.
 */
record Party(String name, List<String> addressLines, @Nullable String vatNumber, String country,
		@Nullable String email, boolean business) {

	Party {
		addressLines = List.copyOf(addressLines);
	}
}
