package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which VAT a customer pays: a business customer with a VAT number in another country than the issuer's gets the
 * reverse charge (0 %); everyone else pays the rate configured for their country, or the default rate.
 */
final class TaxRules {

	private final String issuerCountry;
	private final Map<String, BigDecimal> rates;
	private final BigDecimal defaultRate;

	/**
	 * @param rates percent by ISO 3166-1 alpha-2 country code (any case).
	 * @throws IllegalArgumentException for a malformed country code or a rate outside 0–100.
	 */
	TaxRules(String issuerCountry, Map<String, BigDecimal> rates, BigDecimal defaultRate) {
		this.issuerCountry = country(issuerCountry);
		this.rates = new HashMap<>();
		rates.forEach((code, rate) -> this.rates.put(country(code), TaxTreatment.rate(rate).ratePercent()));
		this.defaultRate = TaxTreatment.rate(defaultRate).ratePercent();
	}

	static TaxRules of(InvoicingSettings settings) {
		return new TaxRules(settings.issuer().country(), settings.tax().rates(), settings.tax().defaultRate());
	}

	/**
	 * @param country the customer's billing country.
	 * @param vatNumber the customer's VAT number, if any.
	 * @param business whether the customer buys as a business.
	 */
	TaxTreatment treatmentFor(String country, @Nullable String vatNumber, boolean business) {
		String customerCountry = country(country);
		if (business && vatNumber != null && !vatNumber.isBlank() && !customerCountry.equals(issuerCountry)) {
			return TaxTreatment.reverseChargeOnly();
		}
		return TaxTreatment.rate(rates.getOrDefault(customerCountry, defaultRate));
	}

	private static String country(String code) {
		String normalised = code.strip().toUpperCase(Locale.ROOT);
		if (!normalised.matches("[A-Z]{2}")) {
			throw new IllegalArgumentException("'" + code + "' is not a two-letter country code");
		}
		return normalised;
	}
}
