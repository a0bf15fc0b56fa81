package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.skyport.platform.money.Money;

/**
 * What a document settles, written in the transaction that issues it. Each row has a unique key (subscription and
 * period start), so whatever runs at the same time or again later, a period is billed, its usage settled and its
 * unused days credited at most once.
 */
record Guards(List<BilledPeriod> periods, List<SettledUsage> usage, List<CreditedPeriod> credits,
		List<SettledServerHours> serverHours) {

	Guards {
		periods = List.copyOf(periods);
		usage = List.copyOf(usage);
		credits = List.copyOf(credits);
		serverHours = List.copyOf(serverHours);
	}

	Guards(List<BilledPeriod> periods, List<SettledUsage> usage, List<CreditedPeriod> credits) {
		this(periods, usage, credits, List.of());
	}

	static Guards none() {
		return new Guards(List.of(), List.of(), List.of());
	}

	boolean isEmpty() {
		return periods.isEmpty() && usage.isEmpty() && credits.isEmpty() && serverHours.isEmpty();
	}

	/**
	 * Hours of a direct server at one price, settled in arrears: exactly {@code hours} unsettled records must still be
	 * there when the document is issued, or another run took them.
	 */
	record SettledServerHours(UUID organisationId, UUID instanceId, String description, String currency,
			BigDecimal unitPrice, long hours, LocalDate before) {
	}

	Guards plus(Guards other) {
		List<BilledPeriod> p = new ArrayList<>(periods);
		p.addAll(other.periods);
		List<SettledUsage> u = new ArrayList<>(usage);
		u.addAll(other.usage);
		List<CreditedPeriod> c = new ArrayList<>(credits);
		c.addAll(other.credits);
		List<SettledServerHours> h = new ArrayList<>(serverHours);
		h.addAll(other.serverHours);
		return new Guards(p, u, c, h);
	}

	/**
	 * A period billed in advance.
	 *
	 * @param billedUntil the first day not charged: the period's end, or an earlier end of the subscription.
	 * @param monthlyPrice the price of a whole period, the base of a later credit.
	 */
	record BilledPeriod(UUID subscriptionId, LocalDate periodStart, LocalDate periodEnd, LocalDate billedUntil,
			Money monthlyPrice) {
	}

	/**
	 * A period's bandwidth, settled in arrears.
	 *
	 * @param usedGib all GiB recorded in the period; {@code billedGib} of them were above the allowance.
	 */
	record SettledUsage(UUID subscriptionId, LocalDate periodStart, LocalDate periodEnd, BigDecimal usedGib,
			int includedGib, BigDecimal billedGib) {
	}

	/**
	 * Days of a billed period given back after the subscription ended early.
	 *
	 * @param creditedFrom the first day credited.
	 */
	record CreditedPeriod(UUID subscriptionId, LocalDate periodStart, LocalDate creditedFrom, long days,
			Money amount) {
	}
}
