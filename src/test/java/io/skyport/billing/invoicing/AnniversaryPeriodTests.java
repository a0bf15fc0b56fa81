package io.skyport.billing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.time.api.constraints.DateRange;

/**
 * Anniversary periods: the anchor's day of the month, clamped to the month's last day, never drifting.
 */
class AnniversaryPeriodTests {

	@Test
	void an_anchor_on_the_31st_bills_on_the_last_day_of_shorter_months_and_returns_to_the_31st() {
		LocalDate anchor = LocalDate.of(2026, 1, 31);
		assertThat(AnniversaryPeriod.nth(anchor, 0)).isEqualTo(period("2026-01-31", "2026-02-28"));
		assertThat(AnniversaryPeriod.nth(anchor, 1)).isEqualTo(period("2026-02-28", "2026-03-31"));
		assertThat(AnniversaryPeriod.nth(anchor, 2)).isEqualTo(period("2026-03-31", "2026-04-30"));
		assertThat(AnniversaryPeriod.nth(anchor, 3)).isEqualTo(period("2026-04-30", "2026-05-31"));
		assertThat(AnniversaryPeriod.nth(anchor, 0).days()).isEqualTo(28);
		assertThat(AnniversaryPeriod.nth(anchor, 1).days()).isEqualTo(31);
	}

	@Test
	void leap_years_give_february_29_days_and_a_29_february_anchor_keeps_the_29th() {
		assertThat(AnniversaryPeriod.nth(LocalDate.of(2028, 1, 30), 0)).isEqualTo(period("2028-01-30", "2028-02-29"));
		LocalDate leapDay = LocalDate.of(2028, 2, 29);
		assertThat(AnniversaryPeriod.nth(leapDay, 0)).isEqualTo(period("2028-02-29", "2028-03-29"));
		assertThat(AnniversaryPeriod.nth(leapDay, 12)).isEqualTo(period("2029-02-28", "2029-03-29"));
		assertThat(AnniversaryPeriod.nth(leapDay, 48)).isEqualTo(period("2032-02-29", "2032-03-29"));
		assertThat(AnniversaryPeriod.nth(LocalDate.of(2028, 1, 29), 0).days()).isEqualTo(31);
		assertThat(AnniversaryPeriod.nth(LocalDate.of(2027, 1, 29), 0)).isEqualTo(period("2027-01-29", "2027-02-28"));
	}

	@Test
	void the_period_containing_a_day_is_found_across_month_ends() {
		LocalDate anchor = LocalDate.of(2026, 1, 31);
		assertThat(AnniversaryPeriod.containing(anchor, LocalDate.of(2026, 2, 27))).isEqualTo(period("2026-01-31", "2026-02-28"));
		assertThat(AnniversaryPeriod.containing(anchor, LocalDate.of(2026, 2, 28))).isEqualTo(period("2026-02-28", "2026-03-31"));
		assertThat(AnniversaryPeriod.containing(anchor, LocalDate.of(2026, 3, 30))).isEqualTo(period("2026-02-28", "2026-03-31"));
		assertThat(AnniversaryPeriod.containing(anchor, LocalDate.of(2026, 12, 31))).isEqualTo(period("2026-12-31", "2027-01-31"));
		assertThatIllegalArgumentException().isThrownBy(() -> AnniversaryPeriod.containing(anchor, LocalDate.of(2026, 1, 30)));
	}

	@Property(tries = 2000)
	void periods_are_contiguous_one_month_long_and_start_on_the_clamped_anchor_day(
			@ForAll @DateRange(min = "2000-01-01", max = "2100-12-31") LocalDate anchor,
			@ForAll @IntRange(min = 0, max = 240) int n) {
		AnniversaryPeriod period = AnniversaryPeriod.nth(anchor, n);
		assertThat(period.end()).isEqualTo(AnniversaryPeriod.nth(anchor, n + 1).start());
		assertThat(period.days()).isBetween(28L, 31L);
		assertThat(period.start().getDayOfMonth())
			.isEqualTo(Math.min(anchor.getDayOfMonth(), period.start().lengthOfMonth()));
		assertThat(period.next(anchor)).isEqualTo(AnniversaryPeriod.nth(anchor, n + 1));
	}

	@Property(tries = 2000)
	void every_day_after_the_anchor_lies_in_exactly_the_period_found_for_it(
			@ForAll @DateRange(min = "2000-01-01", max = "2100-12-31") LocalDate anchor,
			@ForAll @IntRange(min = 0, max = 7300) int daysLater) {
		LocalDate day = anchor.plusDays(daysLater);
		AnniversaryPeriod period = AnniversaryPeriod.containing(anchor, day);
		assertThat(period.contains(day)).isTrue();
		assertThat(AnniversaryPeriod.containing(anchor, period.start())).isEqualTo(period);
		assertThat(period.daysBefore(day)).isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(period.start(), day));
	}

	private static AnniversaryPeriod period(String start, String end) {
		return new AnniversaryPeriod(LocalDate.parse(start), LocalDate.parse(end));
	}
}
