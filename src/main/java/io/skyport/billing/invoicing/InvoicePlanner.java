package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.skyport.billing.invoicing.BillingSnapshot.DailyUsage;
import io.skyport.billing.invoicing.BillingSnapshot.DueSubscription;
import io.skyport.billing.invoicing.BillingSnapshot.PendingCredit;
import io.skyport.billing.invoicing.Guards.BilledPeriod;
import io.skyport.billing.invoicing.Guards.CreditedPeriod;
import io.skyport.billing.invoicing.Guards.SettledUsage;
import io.skyport.platform.money.Money;

/**
 * Decides, without touching the database, what a run issues as of a day:
 * <ul>
 * <li>every period starting on or before that day that is not billed yet, in advance, one line each; a period in
 * which the subscription ends is prorated by day up to the end;</li>
 * <li>the bandwidth of every period that ended on or before that day, above the plan's allowance, in arrears;</li>
 * <li>the hours of direct servers before that day's month (months that ended), in arrears, one line per server and
 * price;</li>
 * <li>the unused days of billed periods of subscriptions that ended early: a negative line on the customer's invoice
 * in this run when the tax treatment is the same and the invoice stays at or above zero; otherwise a credit note —
 * at once if the customer has no running subscription in that currency, else the credit waits for their next
 * invoice.</li>
 * </ul>
 * One invoice per customer and currency. Nothing is issued for amounts that are all zero (free plans, usage within the
 * allowance), but the periods are still recorded as settled.
 */
final class InvoicePlanner {

	private final TaxRules taxRules;

	InvoicePlanner(TaxRules taxRules) {
		this.taxRules = taxRules;
	}

	List<CustomerPlan> plan(LocalDate asOf, BillingSnapshot snapshot) {
		Map<UUID, Map<String, Items>> byCustomer = new TreeMap<>();
		for (DueSubscription subscription : snapshot.due()) {
			plan(asOf, subscription, items(byCustomer, subscription.organisationId(), subscription.monthlyPrice().currency()));
		}
		Map<UUID, List<DailyUsage>> usage = new LinkedHashMap<>();
		for (DailyUsage day : snapshot.usage()) {
			usage.computeIfAbsent(day.subscriptionId(), id -> new ArrayList<>()).add(day);
		}
		for (List<DailyUsage> days : usage.values()) {
			DailyUsage first = days.getFirst();
			settleUsage(asOf, days, items(byCustomer, first.organisationId(), first.currency()));
		}
		for (BillingSnapshot.ServerUsage server : snapshot.servers()) {
			settleServer(server, items(byCustomer, server.organisationId(), server.currency()));
		}
		for (PendingCredit credit : snapshot.credits()) {
			items(byCustomer, credit.organisationId(), credit.monthlyPrice().currency()).credits.add(credit);
		}
		List<CustomerPlan> plans = new ArrayList<>();
		byCustomer.forEach((organisationId, currencies) -> {
			Party customer = snapshot.customers().get(organisationId);
			CustomerPlan plan = customer == null
					? new CustomerPlan(organisationId, null, List.of(), Guards.none())
					: plan(organisationId, customer, currencies);
			if (customer == null || !plan.isEmpty()) {
				plans.add(plan);
			}
		});
		return plans;
	}

	private static Items items(Map<UUID, Map<String, Items>> byCustomer, UUID organisationId, String currency) {
		return byCustomer.computeIfAbsent(organisationId, id -> new TreeMap<>())
			.computeIfAbsent(currency, c -> new Items(currency));
	}

	private static void plan(LocalDate asOf, DueSubscription subscription, Items items) {
		LocalDate start = subscription.billedThrough() != null ? subscription.billedThrough() : subscription.activatedOn();
		LocalDate endsOn = subscription.endsOn();
		while (!start.isAfter(asOf) && (endsOn == null || start.isBefore(endsOn))) {
			AnniversaryPeriod period = AnniversaryPeriod.containing(subscription.activatedOn(), start);
			if (!period.start().equals(start)) {
				throw new IllegalStateException("Subscription " + subscription.id() + " was billed up to " + start
						+ ", which is not the start of one of its periods");
			}
			LocalDate until = endsOn != null && endsOn.isBefore(period.end()) ? endsOn : period.end();
			long days = ChronoUnit.DAYS.between(period.start(), until);
			Money amount = Proration.of(subscription.monthlyPrice(), days, period.days());
			String description = days == period.days() ? subscription.name()
					: subscription.name() + " (" + days + " of " + period.days() + " days)";
			items.charges.add(DraftLine.single(DraftLine.Kind.PLAN, subscription.id(), description, period.start(),
					until.minusDays(1), amount));
			items.periods.add(new BilledPeriod(subscription.id(), period.start(), period.end(), until,
					subscription.monthlyPrice()));
			start = period.end();
		}
	}

	private static void settleUsage(LocalDate asOf, List<DailyUsage> days, Items items) {
		DailyUsage first = days.getFirst();
		Map<AnniversaryPeriod, BigDecimal> gib = new TreeMap<>(
				(a, b) -> a.start().compareTo(b.start()));
		for (DailyUsage day : days) {
			gib.merge(AnniversaryPeriod.containing(first.activatedOn(), day.day()), day.gib(), BigDecimal::add);
		}
		BigDecimal included = BigDecimal.valueOf(first.includedGib());
		gib.forEach((period, used) -> {
			if (period.end().isAfter(asOf)) {
				return;
			}
			BigDecimal above = used.subtract(included).max(BigDecimal.ZERO);
			BigDecimal billed = first.pricePerGib().signum() > 0 ? above : BigDecimal.ZERO;
			items.usage.add(new SettledUsage(first.subscriptionId(), period.start(), period.end(), used,
					first.includedGib(), billed));
			if (billed.signum() > 0) {
				DraftLine line = DraftLine.priced(DraftLine.Kind.USAGE, first.subscriptionId(),
						"Bandwidth above the " + first.includedGib() + " GiB included: " + first.name(), period.start(),
						period.end().minusDays(1), billed.stripTrailingZeros(), first.pricePerGib(), first.currency());
				if (!line.amount().isZero()) {
					items.charges.add(line);
				}
			}
		});
	}

	/** A direct server's hours at one price: one line "Server web-1 (cx-2-4): 720 h at EUR 0.0120 per hour". */
	private static void settleServer(BillingSnapshot.ServerUsage server, Items items) {
		items.serverHours.add(new Guards.SettledServerHours(server.organisationId(), server.instanceId(),
				server.description(), server.currency(), server.unitPrice(), server.hours(), server.before()));
		DraftLine line = DraftLine.priced(DraftLine.Kind.USAGE, null, "Server " + server.description() + ": "
				+ server.hours() + (server.hours() == 1 ? " hour" : " hours") + " at " + server.currency() + " "
				+ server.unitPrice().stripTrailingZeros().toPlainString() + " per hour", server.firstDay(),
				server.lastDay(), BigDecimal.valueOf(server.hours()), server.unitPrice(), server.currency());
		if (!line.amount().isZero()) {
			items.charges.add(line);
		}
	}

	private CustomerPlan plan(UUID organisationId, Party customer, Map<String, Items> currencies) {
		TaxTreatment treatment = taxRules.treatmentFor(customer.country(), customer.vatNumber(), customer.business());
		List<DraftDocument> documents = new ArrayList<>();
		Guards loose = Guards.none();
		for (Items items : currencies.values()) {
			Guards invoiceGuards = new Guards(items.periods, items.usage, List.of(), items.serverHours);
			List<DraftLine> lines = new ArrayList<>(items.charges);
			boolean charges = lines.stream().anyMatch(line -> !line.amount().isZero());
			Money subtotal = sum(items.currency, lines);
			Map<TaxTreatment, List<PendingCredit>> creditNotes = new LinkedHashMap<>();
			List<CreditedPeriod> creditedOnInvoice = new ArrayList<>();
			for (PendingCredit credit : items.credits) {
				Credit given = credit(credit);
				if (given.line.amount().isZero()) {
					loose = loose.plus(new Guards(List.of(), List.of(), List.of(given.guard)));
				}
				else if (charges && credit.original().equals(treatment)
						&& subtotal.minus(given.line.amount()).amount().signum() >= 0) {
					lines.add(given.line.negated());
					creditedOnInvoice.add(given.guard);
					subtotal = subtotal.minus(given.line.amount());
				}
				else if (charges || !credit.awaitsNextInvoice()) {
					creditNotes.computeIfAbsent(credit.original(), t -> new ArrayList<>()).add(credit);
				}
			}
			invoiceGuards = invoiceGuards.plus(new Guards(List.of(), List.of(), creditedOnInvoice));
			if (charges) {
				documents.add(new DraftDocument(InvoiceKind.INVOICE, items.currency, treatment, lines, invoiceGuards));
			}
			else {
				loose = loose.plus(invoiceGuards);
			}
			creditNotes.forEach((original, credits) -> {
				List<DraftLine> creditLines = new ArrayList<>();
				List<CreditedPeriod> guards = new ArrayList<>();
				for (PendingCredit credit : credits) {
					Credit given = credit(credit);
					creditLines.add(given.line);
					guards.add(given.guard);
				}
				documents.add(new DraftDocument(InvoiceKind.CREDIT_NOTE, items.currency, original, creditLines,
						new Guards(List.of(), List.of(), guards)));
			});
		}
		return new CustomerPlan(organisationId, customer, documents, loose);
	}

	private static Credit credit(PendingCredit credit) {
		LocalDate from = credit.endsOn().isAfter(credit.periodStart()) ? credit.endsOn() : credit.periodStart();
		long days = ChronoUnit.DAYS.between(from, credit.billedUntil());
		long periodDays = ChronoUnit.DAYS.between(credit.periodStart(), credit.periodEnd());
		Money amount = Proration.of(credit.monthlyPrice(), days, periodDays);
		DraftLine line = DraftLine.single(DraftLine.Kind.CREDIT, credit.subscriptionId(),
				"Credit for " + days + (days == 1 ? " unused day: " : " unused days: ") + credit.name() + " (billed on "
						+ credit.invoiceNumber() + ", ended " + credit.endsOn() + ")",
				from, credit.billedUntil().minusDays(1), amount);
		return new Credit(line, new CreditedPeriod(credit.subscriptionId(), credit.periodStart(), from, days, amount));
	}

	private static Money sum(String currency, List<DraftLine> lines) {
		return lines.stream().map(DraftLine::amount).reduce(Money.zero(currency), Money::plus);
	}

	private record Credit(DraftLine line, CreditedPeriod guard) {
	}

	/** One customer's items in one currency. */
	private static final class Items {

		final String currency;
		final List<DraftLine> charges = new ArrayList<>();
		final List<BilledPeriod> periods = new ArrayList<>();
		final List<SettledUsage> usage = new ArrayList<>();
		final List<PendingCredit> credits = new ArrayList<>();
		final List<Guards.SettledServerHours> serverHours = new ArrayList<>();

		Items(String currency) {
			this.currency = currency;
		}
	}
}
