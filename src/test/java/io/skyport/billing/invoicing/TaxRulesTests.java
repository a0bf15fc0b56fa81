package io.skyport.billing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.skyport.platform.money.Money;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.LongRange;

/**
 * VAT by the customer's country, the reverse charge for business customers abroad, and the tax on a subtotal.
 */
class TaxRulesTests {

	private final TaxRules rules = new TaxRules("de", Map.of("DE", new BigDecimal("19"), "fr", new BigDecimal("20"),
			"FI", new BigDecimal("25.5")), new BigDecimal("0"));

	@Test
	void a_business_customer_with_a_vat_number_in_another_country_gets_the_reverse_charge() {
		TaxTreatment treatment = rules.treatmentFor("FR", "FR12345678901", true);
		assertThat(treatment.reverseCharge()).isTrue();
		assertThat(treatment.ratePercent()).isZero();
		assertThat(treatment.note()).isEqualTo("Reverse charge: VAT to be accounted for by the recipient.");
		assertThat(treatment.on(Money.of("100.00", "EUR")).amount()).isEqualTo(Money.zero("EUR"));
	}

	@Test
	void domestic_businesses_consumers_and_businesses_without_a_vat_number_pay_their_countrys_rate() {
		assertThat(rules.treatmentFor("DE", "DE123456789", true)).isEqualTo(TaxTreatment.rate(new BigDecimal("19")));
		assertThat(rules.treatmentFor("FR", null, false)).isEqualTo(TaxTreatment.rate(new BigDecimal("20")));
		assertThat(rules.treatmentFor("FR", "FR12345678901", false)).isEqualTo(TaxTreatment.rate(new BigDecimal("20")));
		assertThat(rules.treatmentFor("fr", null, true).reverseCharge()).isFalse();
		assertThat(rules.treatmentFor("FI", null, false).ratePercent()).isEqualByComparingTo("25.5");
	}

	@Test
	void countries_without_a_configured_rate_pay_the_default_rate() {
		assertThat(rules.treatmentFor("US", null, false)).isEqualTo(TaxTreatment.rate(BigDecimal.ZERO));
		assertThat(new TaxRules("DE", Map.of(), new BigDecimal("7")).treatmentFor("JP", null, false).ratePercent())
			.isEqualByComparingTo("7");
	}

	@Test
	void tax_is_the_subtotal_times_the_rate_rounded_half_up() {
		TaxTreatment.TaxLine tax = TaxTreatment.rate(new BigDecimal("19")).on(Money.of("12.50", "EUR"));
		assertThat(tax.amount()).isEqualTo(Money.of("2.38", "EUR"));
		assertThat(tax.label()).isEqualTo("VAT");
		assertThat(TaxTreatment.rate(new BigDecimal("25.5")).on(Money.of("0.10", "EUR")).amount())
			.isEqualTo(Money.of("0.03", "EUR"));
		assertThat(TaxTreatment.rate(new BigDecimal("19.000"))).isEqualTo(TaxTreatment.rate(new BigDecimal("19")));
	}

	@Test
	void malformed_configuration_is_refused_at_start_up() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TaxRules("Germany", Map.of(), BigDecimal.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TaxRules("DE", Map.of("DE", new BigDecimal("119")), BigDecimal.ZERO));
	}

	@Property(tries = 3000)
	void tax_is_never_negative_never_more_than_the_rate_allows_and_zero_under_the_reverse_charge(
			@ForAll @LongRange(min = 0, max = 1_000_000_000) long cents,
			@ForAll @BigRange(min = "0", max = "30") BigDecimal rawRate, @ForAll boolean business,
			@ForAll("countries") String country) {
		BigDecimal rate = rawRate.setScale(1, RoundingMode.DOWN);
		TaxRules configured = new TaxRules("DE", Map.of(country, rate), BigDecimal.ZERO);
		TaxTreatment treatment = configured.treatmentFor(country, business ? country + "999999" : null, business);
		Money base = new Money(BigDecimal.valueOf(cents, 2), "EUR");
		Money tax = treatment.on(base).amount();
		assertThat(tax.amount().signum()).isGreaterThanOrEqualTo(0);
		BigDecimal exact = base.amount().multiply(treatment.ratePercent()).movePointLeft(2);
		assertThat(tax.amount().subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
		if (business && !country.equals("DE")) {
			assertThat(treatment.reverseCharge()).isTrue();
			assertThat(tax.isZero()).isTrue();
		}
	}

	@Provide
	Arbitrary<String> countries() {
		return Arbitraries.of("DE", "FR", "US", "FI");
	}
}
