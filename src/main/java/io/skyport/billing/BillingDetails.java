package io.skyport.billing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;

/**
 * Who a customer organisation's invoices are addressed to. Complete by construction: an organisation either has all
 * required fields or no billing details at all.
 *
 * @param country ISO 3166-1 alpha-2, upper case (e.g. {@code DE}).
 * @param vatNumber upper case without spaces (e.g. {@code DE123456789}), or {@literal null}.
 * @param business a business customer (with a VAT number, invoicing may apply the reverse charge).
 */
public record BillingDetails(OrganisationId organisationId, String legalName, String billingEmail,
		String addressLine1, @Nullable String addressLine2, String postalCode, String city, String country,
		@Nullable String vatNumber, boolean business) {

	/** The postal address as printed on an invoice, line by line, ending with the country's English name. */
	public List<String> addressLines() {
		List<String> lines = new ArrayList<>();
		lines.add(addressLine1);
		if (addressLine2 != null) {
			lines.add(addressLine2);
		}
		lines.add(postalCode + " " + city);
		lines.add(Locale.of("", country).getDisplayCountry(Locale.ENGLISH));
		return lines;
	}
}
