package io.skyport.billing.subscriptions;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The ISO 3166-1 countries by English name, for the billing details form's list. */
final class Countries {

	record Country(String code, String name) {
	}

	static final List<Country> ALL = Arrays.stream(Locale.getISOCountries())
		.map(code -> new Country(code, Locale.of("", code).getDisplayCountry(Locale.ENGLISH)))
		.sorted(Comparator.comparing(Country::name))
		.toList();

	private Countries() {
	}
}
