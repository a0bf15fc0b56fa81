package io.skyport.billing.payments;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.billing.InvoiceId;
import io.skyport.billing.SubscriptionId;
import io.skyport.billing.SubscriptionManagement;
import io.skyport.platform.errors.ForbiddenException;

/**
 * Dunning: for each unpaid ({@code OPEN}) invoice past its due date, takes every step that is due
 * ({@link DunningSettings}) once, in one transaction per invoice: a {@code dunning_steps} row (unique per invoice and
 * step), the subscription changes, and a {@link DunningStepTaken} event that e-mails the customer after the commit.
 * Safe to run on several servers and as often as wanted: a step another run took first is skipped.
 */
@Service
public class Dunning {

	private static final Logger log = LoggerFactory.getLogger(Dunning.class);

	private final JdbcClient jdbc;
	private final SubscriptionManagement subscriptions;
	private final ApplicationEventPublisher events;
	private final DunningSettings settings;
	private final TransactionTemplate transactions;
	private final Clock clock;

	Dunning(JdbcClient jdbc, SubscriptionManagement subscriptions, ApplicationEventPublisher events,
			DunningSettings settings, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.subscriptions = subscriptions;
		this.events = events;
		this.settings = settings;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * What a run did.
	 *
	 * @param invoices overdue invoices looked at.
	 * @param steps steps taken, by step.
	 * @param failures invoices whose steps failed (logged; the next run tries again).
	 */
	public record Report(LocalDate asOf, int invoices, Map<DunningStep, Integer> steps, int failures) {
	}

	/** An overdue invoice and the steps taken on it so far. */
	public record OverdueInvoice(UUID id, String number, String customer, LocalDate dueOn, int daysOverdue,
			String total, List<TakenStep> steps) {
	}

	public record TakenStep(DunningStep step, LocalDate takenOn, int subscriptionsAffected) {
	}

	/** Takes the steps due as of today (UTC). */
	public Report run() {
		return run(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
	}

	/** Takes the steps due as of {@code asOf}. */
	public Report run(LocalDate asOf) {
		return run(asOf, null);
	}

	/** Takes the steps due as of {@code asOf} on one customer's invoices only, or everyone's for {@literal null}. */
	public Report run(LocalDate asOf, @Nullable OrganisationId customer) {
		LocalDate dueBefore = asOf.minusDays(settings.daysFor(DunningStep.REMINDER));
		List<UUID> candidates = jdbc.sql("""
				select i.id from invoices i
				where i.kind = 'INVOICE' and i.status = 'OPEN' and i.due_on <= :dueBefore
				  and (select count(*) from dunning_steps d where d.invoice_id = i.id) < 3
				  and (cast(:customer as uuid) is null or i.organisation_id = :customer)
				order by i.due_on, i.id
				""")
			.param("dueBefore", dueBefore)
			.param("customer", customer == null ? null : customer.id(), java.sql.Types.OTHER)
			.query(UUID.class).list();
		Map<DunningStep, Integer> taken = new EnumMap<>(DunningStep.class);
		int failures = 0;
		for (UUID invoice : candidates) {
			try {
				List<DunningStep> steps = transactions.execute(status -> takeDueSteps(invoice, asOf));
				if (steps != null) {
					steps.forEach(step -> taken.merge(step, 1, Integer::sum));
				}
			}
			catch (RuntimeException ex) {
				failures++;
				log.warn("Dunning of invoice {} as of {} failed; the next run tries again", invoice, asOf, ex);
			}
		}
		return new Report(asOf, candidates.size(), Map.copyOf(taken), failures);
	}

	private record Invoice(UUID id, String number, UUID organisationId, LocalDate dueOn) {
	}

	private List<DunningStep> takeDueSteps(UUID invoiceId, LocalDate asOf) {
		Invoice invoice = jdbc.sql("""
				select id, number, organisation_id, due_on from invoices where id = :id and status = 'OPEN' for update
				""")
			.param("id", invoiceId)
			.query((rs, row) -> new Invoice(rs.getObject("id", UUID.class), rs.getString("number"),
					rs.getObject("organisation_id", UUID.class), rs.getObject("due_on", LocalDate.class)))
			.optional().orElse(null);
		if (invoice == null) {
			return List.of();
		}
		int daysOverdue = (int) ChronoUnit.DAYS.between(invoice.dueOn(), asOf);
		List<DunningStep> taken = new ArrayList<>();
		for (DunningStep step : DunningStep.values()) {
			if (daysOverdue < settings.daysFor(step)) {
				break;
			}
			int inserted = jdbc.sql("""
					insert into dunning_steps (invoice_id, step, taken_on, taken_at, days_overdue)
					values (:invoice, :step, :on, :at, :days) on conflict do nothing
					""")
				.param("invoice", invoiceId)
				.param("step", step.name())
				.param("on", asOf)
				.param("at", clock.instant().atOffset(ZoneOffset.UTC))
				.param("days", daysOverdue)
				.update();
			if (inserted == 0) {
				continue;
			}
			int affected = switch (step) {
				case REMINDER -> 0;
				case SUSPEND -> suspend(invoice, daysOverdue);
				case CANCEL -> cancel(invoice, daysOverdue);
			};
			jdbc.sql("update dunning_steps set subscriptions_affected = :n where invoice_id = :invoice and step = :step")
				.param("n", affected)
				.param("invoice", invoiceId)
				.param("step", step.name())
				.update();
			events.publishEvent(new DunningStepTaken(new InvoiceId(invoiceId),
					new OrganisationId(invoice.organisationId()), step, asOf, daysOverdue));
			taken.add(step);
		}
		return taken;
	}

	private int suspend(Invoice invoice, int daysOverdue) {
		String reason = "Invoice " + invoice.number() + " is " + daysOverdue + " days overdue.";
		int changed = 0;
		for (UUID subscription : subscriptionsOn(invoice.id(), "'ACTIVE'")) {
			if (subscriptions.suspend(new SubscriptionId(subscription), reason)) {
				changed++;
			}
		}
		return changed;
	}

	private int cancel(Invoice invoice, int daysOverdue) {
		String reason = "Invoice " + invoice.number() + " is " + daysOverdue + " days overdue.";
		int changed = 0;
		for (UUID subscription : subscriptionsOn(invoice.id(), "'ACTIVE', 'SUSPENDED'")) {
			if (subscriptions.cancelImmediately(new SubscriptionId(subscription), reason)) {
				changed++;
			}
		}
		return changed;
	}

	/** The subscriptions billed on an invoice that are in one of the states (a fixed SQL list). */
	private List<UUID> subscriptionsOn(UUID invoiceId, String states) {
		return jdbc.sql("""
				select distinct s.id from invoice_lines l join subscriptions s on s.id = l.subscription_id
				where l.invoice_id = :invoice and s.state in (%s) order by s.id
				""".formatted(states))
			.param("invoice", invoiceId)
			.query(UUID.class).list();
	}

	/**
	 * Open invoices past their due date as of today (or with dunning steps taken), most overdue first, with the steps
	 * taken (operators).
	 */
	@Transactional(readOnly = true)
	public List<OverdueInvoice> overdue(CurrentUser user, int limit) {
		if (!user.isOperator()) {
			throw new ForbiddenException("Only operators see dunning.");
		}
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		record Row(UUID id, String number, String customer, LocalDate dueOn, String total, String steps) {
		}
		List<Row> rows = jdbc.sql("""
				select i.id, i.number, i.customer_name, i.due_on, i.total, i.currency,
					coalesce(string_agg(d.step || ':' || d.taken_on || ':' || d.subscriptions_affected, ','
						order by d.taken_at), '') as steps
				from invoices i left join dunning_steps d on d.invoice_id = i.id
				where i.kind = 'INVOICE' and i.status = 'OPEN'
				  and (i.due_on < :today or exists (select 1 from dunning_steps s where s.invoice_id = i.id))
				group by i.id order by i.due_on, i.number limit :limit
				""")
			.param("today", today)
			.param("limit", limit)
			.query((rs, row) -> new Row(rs.getObject("id", UUID.class), rs.getString("number"),
					rs.getString("customer_name"), rs.getObject("due_on", LocalDate.class),
					io.skyport.platform.money.Money.rounded(rs.getBigDecimal("total"), rs.getString("currency"))
						.display(),
					rs.getString("steps")))
			.list();
		return rows.stream()
			.map(row -> new OverdueInvoice(row.id(), row.number(), row.customer(), row.dueOn(),
					(int) Math.max(0, ChronoUnit.DAYS.between(row.dueOn(), today)), row.total(), steps(row.steps())))
			.toList();
	}

	/** The configured thresholds, for the admin page. */
	public Map<String, Integer> thresholds() {
		Map<String, Integer> thresholds = new java.util.LinkedHashMap<>();
		Arrays.stream(DunningStep.values()).forEach(step -> thresholds.put(step.name(), settings.daysFor(step)));
		return thresholds;
	}

	private static List<TakenStep> steps(String text) {
		if (text.isEmpty()) {
			return List.of();
		}
		return Arrays.stream(text.split(","))
			.map(part -> part.split(":"))
			.map(part -> new TakenStep(DunningStep.valueOf(part[0]), LocalDate.parse(part[1]),
					Integer.parseInt(part[2])))
			.toList();
	}
}
