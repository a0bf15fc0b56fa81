package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.money.Money;

/**
 * Everything an invoice run needs to know, read in a few queries before it issues anything.
 *
 * @param customers billing details by organisation; an organisation missing here has none.
 */
record BillingSnapshot(Map<UUID, Party> customers, List<DueSubscription> due, List<DailyUsage> usage,
		List<PendingCredit> credits, List<ServerUsage> servers) {

	BillingSnapshot(Map<UUID, Party> customers, List<DueSubscription> due, List<DailyUsage> usage,
			List<PendingCredit> credits) {
		this(customers, due, usage, credits, List.of());
	}

	/**
	 * The unsettled hours of one direct server at one price, before the run's month: one invoice line.
	 *
	 * @param description the server's name and type (or size), as recorded.
	 * @param firstDay and {@code lastDay}: the first and last day with an hour here.
	 * @param before the first hour not included (the start of the run's month).
	 */
	record ServerUsage(UUID organisationId, UUID instanceId, String description, String currency,
			BigDecimal unitPrice, long hours, LocalDate firstDay, LocalDate lastDay, LocalDate before) {
	}

	/**
	 * A subscription with at least one period starting on or before the run's day that is not billed yet.
	 *
	 * @param name what its lines say, e.g. "PostgreSQL · Small".
	 * @param billedThrough the end of the last billed period, {@literal null} before the first.
	 * @param endsOn the first day no longer covered, once the subscription has an end.
	 */
	record DueSubscription(UUID id, UUID organisationId, String name, Money monthlyPrice, LocalDate activatedOn,
			@Nullable LocalDate endsOn, @Nullable LocalDate billedThrough) {
	}

	/** The bandwidth recorded on one day (UTC) and not settled yet. */
	record DailyUsage(UUID subscriptionId, UUID organisationId, String name, String currency, LocalDate activatedOn,
			int includedGib, BigDecimal pricePerGib, LocalDate day, BigDecimal gib) {
	}

	/**
	 * A billed period whose subscription ended before the period did, not credited yet.
	 *
	 * @param billedUntil the first day that was not charged.
	 * @param invoiceNumber the document that billed it.
	 * @param original the tax treatment of that document: the credit is taxed the same way.
	 * @param awaitsNextInvoice whether the customer still has a running subscription in this currency, so the credit
	 * can wait for their next invoice instead of becoming a credit note.
	 */
	record PendingCredit(UUID subscriptionId, UUID organisationId, String name, LocalDate periodStart,
			LocalDate periodEnd, LocalDate billedUntil, LocalDate endsOn, Money monthlyPrice, String invoiceNumber,
			TaxTreatment original, boolean awaitsNextInvoice) {
	}
}
