package io.skyport.billing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import io.skyport.platform.money.Money;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Daily proration: price × days / period days, rounded half-up once, to the currency's minor unit.
 */
class ProrationTests {

	@Test
	void ten_of_thirty_one_days_of_thirty_euros_round_half_up() {
		assertThat(Proration.of(Money.of("30.00", "EUR"), 10, 31)).isEqualTo(Money.of("9.68", "EUR"));
		assertThat(Proration.of(Money.of("10.00", "EUR"), 1, 8)).isEqualTo(Money.of("1.25", "EUR"));
		assertThat(Proration.of(Money.of("0.05", "EUR"), 1, 2)).isEqualTo(Money.of("0.03", "EUR"));
		assertThat(Proration.of(Money.of("1000", "JPY"), 15, 31)).isEqualTo(Money.of("484", "JPY"));
		assertThat(Proration.of(Money.of("9.999", "KWD"), 1, 30)).isEqualTo(Money.of("0.333", "KWD"));
	}

	@Test
	void a_whole_period_costs_exactly_the_price_and_no_day_costs_nothing() {
		assertThat(Proration.of(Money.of("12.34", "EUR"), 28, 28)).isEqualTo(Money.of("12.34", "EUR"));
		assertThat(Proration.of(Money.of("12.34", "EUR"), 0, 28)).isEqualTo(Money.zero("EUR"));
		assertThatIllegalArgumentException().isThrownBy(() -> Proration.of(Money.of("1", "EUR"), 32, 31));
		assertThatIllegalArgumentException().isThrownBy(() -> Proration.of(Money.of("1", "EUR"), -1, 31));
	}

	@Property(tries = 3000)
	void the_days_of_a_period_prorated_one_by_one_add_up_to_the_price_within_rounding(
			@ForAll @LongRange(min = 0, max = 100_000_000) long minorUnits,
			@ForAll @IntRange(min = 28, max = 31) int periodDays,
			@ForAll("currencies") String currency) {
		Money price = price(minorUnits, currency);
		Money sum = Money.zero(currency);
		for (int day = 0; day < periodDays; day++) {
			sum = sum.plus(Proration.of(price, 1, periodDays));
		}
		BigDecimal halfUnit = minorUnit(currency).divide(BigDecimal.valueOf(2));
		assertThat(sum.amount().subtract(price.amount()).abs())
			.isLessThanOrEqualTo(halfUnit.multiply(BigDecimal.valueOf(periodDays)));
	}

	@Property(tries = 3000)
	void a_period_split_in_two_costs_the_price_within_one_minor_unit(
			@ForAll @LongRange(min = 0, max = 100_000_000) long minorUnits,
			@ForAll @IntRange(min = 28, max = 31) int periodDays, @ForAll @IntRange(min = 0, max = 31) int used,
			@ForAll("currencies") String currency) {
		int days = Math.min(used, periodDays);
		Money price = price(minorUnits, currency);
		Money first = Proration.of(price, days, periodDays);
		Money rest = Proration.of(price, periodDays - days, periodDays);
		assertThat(first.plus(rest).amount().subtract(price.amount()).abs())
			.isLessThanOrEqualTo(minorUnit(currency));
		assertThat(first.amount().signum()).isGreaterThanOrEqualTo(0);
		assertThat(first).isLessThanOrEqualTo(price);
		if (days > 0) {
			assertThat(Proration.of(price, days - 1, periodDays)).isLessThanOrEqualTo(first);
		}
	}

	private static Money price(long minorUnits, String currency) {
		return new Money(BigDecimal.valueOf(minorUnits, Currency.getInstance(currency).getDefaultFractionDigits()),
				currency);
	}

	private static BigDecimal minorUnit(String currency) {
		return BigDecimal.ONE.movePointLeft(Currency.getInstance(currency).getDefaultFractionDigits());
	}

	@Provide
	Arbitrary<String> currencies() {
		return Arbitraries.of("EUR", "JPY", "KWD");
	}
}
