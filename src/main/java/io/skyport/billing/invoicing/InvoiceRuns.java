package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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
import io.skyport.billing.InvoiceRunFinished;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.money.Money;

/**
 * Invoice runs: everything due up to a day, one transaction per customer (a customer that fails is reported and the
 * run goes on; the next run tries it again). A dry run computes the same documents and writes nothing. Runs may
 * overlap (two operators, two servers, the schedule): the billed periods' unique keys make each period billed once.
 */
@Service
class InvoiceRuns {

	private static final Logger log = LoggerFactory.getLogger(InvoiceRuns.class);

	private final BillingReads reads;
	private final InvoicePlanner planner;
	private final InvoiceWriter writer;
	private final JdbcClient jdbc;
	private final InvoicingSettings settings;
	private final Party issuer;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final InvoiceRunMetrics metrics;

	InvoiceRuns(BillingReads reads, InvoiceWriter writer, JdbcClient jdbc, InvoicingSettings settings,
			PlatformTransactionManager transactionManager, Clock clock, ApplicationEventPublisher events,
			InvoiceRunMetrics metrics) {
		this.events = events;
		this.metrics = metrics;
		this.transactions = new TransactionTemplate(transactionManager);
		this.reads = reads;
		this.planner = new InvoicePlanner(TaxRules.of(settings));
		this.writer = writer;
		this.jdbc = jdbc;
		this.settings = settings;
		this.issuer = issuer(settings.issuer());
		this.clock = clock;
	}

	private static void requireOperator(CurrentUser user) {
		if (!user.isOperator()) {
			throw new ForbiddenException("Only operators run invoicing.");
		}
	}

	static Party issuer(InvoicingSettings.Issuer issuer) {
		return new Party(issuer.name(), issuer.addressLines(), issuer.vatNumber(), issuer.country(), issuer.email(),
				true);
	}

	/** The {@code asOf} of a run is too far in the future ({@code skyport.billing.max-run-ahead}). */
	static final class TooFarAheadException extends InvalidInputException {

		TooFarAheadException(String message) {
			super(List.of(new Violation("asOf", message)));
		}
	}

	/**
	 * What a run issued, or would issue.
	 *
	 * @param runId {@literal null} for a dry run.
	 */
	record RunReport(@Nullable UUID runId, LocalDate asOf, boolean dryRun, Instant startedAt, Instant finishedAt,
			int invoices, int creditNotes, int skipped, List<Total> totals, List<DocumentView> documents,
			List<Failure> failures) {
	}

	/** The sum of the documents of one kind and currency. */
	record Total(InvoiceKind kind, String currency, BigDecimal total, int documents) {
	}

	/**
	 * @param id and {@code number} are {@literal null} in a dry run.
	 */
	record DocumentView(@Nullable UUID id, @Nullable String number, InvoiceKind kind, UUID organisationId,
			String customer, String currency, BigDecimal subtotal, BigDecimal tax, BigDecimal total,
			List<LineView> lines) {

		static DocumentView of(DraftDocument document, CustomerPlan plan, InvoiceWriter.@Nullable Issued issued) {
			return new DocumentView(issued == null ? null : issued.id(), issued == null ? null : issued.number(),
					document.kind(), plan.organisationId(), plan.customer() == null ? "" : plan.customer().name(),
					document.currency(), document.subtotal().amount(), document.taxLine().amount().amount(),
					document.total().amount(), document.lines().stream().map(LineView::of).toList());
		}

		public String totalDisplay() {
			return new Money(total, currency).display();
		}
	}

	record LineView(String description, @Nullable LocalDate from, @Nullable LocalDate to, BigDecimal quantity,
			BigDecimal unitPrice, BigDecimal amount) {

		static LineView of(DraftLine line) {
			return new LineView(line.description(), line.from(), line.to(), line.quantity(), line.unitPrice(),
					line.amount().amount());
		}
	}

	record Failure(UUID organisationId, String customer, String reason) {
	}

	/** A past run, for the list. */
	record RunSummary(UUID id, LocalDate asOf, Instant startedAt, @Nullable Instant finishedAt, boolean scheduled,
			@Nullable String startedBy, int invoices, int creditNotes, int failed) {

		public String startedAtText() {
			return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
				.format(startedAt);
		}
	}

	LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	/**
	 * A run started by an operator.
	 *
	 * @throws ForbiddenException if {@code user} is no operator.
	 * @throws TooFarAheadException if {@code asOf} is further ahead than {@code skyport.billing.max-run-ahead}.
	 */
	RunReport run(CurrentUser user, LocalDate asOf, boolean dryRun) {
		requireOperator(user);
		return run(asOf, dryRun, user.userId().id());
	}

	/**
	 * Invoices everything due up to {@code asOf}.
	 *
	 * @param operator the user who started it, {@literal null} for the schedule.
	 * @throws TooFarAheadException if {@code asOf} is further ahead than {@code skyport.billing.max-run-ahead}.
	 */
	RunReport run(LocalDate asOf, boolean dryRun, @Nullable UUID operator) {
		Instant startedAt = clock.instant();
		LocalDate today = LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
		LocalDate limit = today.plus(settings.maxRunAhead());
		if (asOf.isAfter(limit)) {
			throw new TooFarAheadException("Runs may look ahead at most " + settings.maxRunAhead().getDays()
					+ " days, up to " + limit + "; " + asOf + " is further.");
		}
		List<CustomerPlan> plans = planner.plan(asOf, reads.snapshot(asOf));
		if (dryRun) {
			return dryRun(asOf, startedAt, plans);
		}
		try {
			RunReport report = issueAll(asOf, plans, startedAt, today, operator);
			metrics.finished(report.failures().isEmpty() ? InvoiceRunMetrics.Outcome.COMPLETED
					: InvoiceRunMetrics.Outcome.PARTIAL, operator == null,
					Duration.between(startedAt, report.finishedAt()), report.invoices(), report.creditNotes(),
					report.failures().size());
			return report;
		}
		catch (RuntimeException ex) {
			metrics.finished(InvoiceRunMetrics.Outcome.FAILED, operator == null,
					Duration.between(startedAt, clock.instant()), 0, 0, 0);
			throw ex;
		}
	}

	private RunReport issueAll(LocalDate asOf, List<CustomerPlan> plans, Instant startedAt, LocalDate today,
			@Nullable UUID operator) {
		UUID runId = UUID.randomUUID();
		jdbc.sql("""
				insert into invoice_runs (id, as_of, started_by_schedule, started_by, started_at)
				values (:id, :asOf, :schedule, :operator, :startedAt)
				""")
			.param("id", runId)
			.param("asOf", asOf)
			.param("schedule", operator == null)
			.param("operator", operator, java.sql.Types.OTHER)
			.param("startedAt", startedAt.atOffset(ZoneOffset.UTC))
			.update();
		List<DocumentView> documents = Collections.synchronizedList(new ArrayList<>());
		List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger skipped = new AtomicInteger();
		int parallelism = Math.max(1, settings.run().parallelism());
		try (ExecutorService workers = Executors.newFixedThreadPool(parallelism,
				Thread.ofPlatform().name("invoice-run-", 1).factory())) {
			List<Future<?>> pending = new ArrayList<>(plans.size());
			for (CustomerPlan plan : plans) {
				pending.add(workers.submit(() -> issue(plan, runId, today, documents, failures, skipped)));
			}
			for (Future<?> future : pending) {
				future.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Invoice run " + runId + " was interrupted", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("Invoice run " + runId + " failed", ex.getCause());
		}
		return finish(runId, asOf, startedAt, documents, failures, skipped.get(), operator == null);
	}

	private void issue(CustomerPlan plan, UUID runId, LocalDate today, List<DocumentView> documents,
			List<Failure> failures, AtomicInteger skipped) {
		if (plan.customer() == null) {
			failures.add(new Failure(plan.organisationId(), "",
					"The organisation has no billing details; enter them and run again."));
			return;
		}
		try {
			List<InvoiceWriter.Issued> issued = writer.issue(plan, issuer, runId, clock.instant(), today);
			List<DraftDocument> drafts = plan.documents().stream()
				.sorted(java.util.Comparator.comparing(DraftDocument::kind))
				.toList();
			for (int i = 0; i < drafts.size(); i++) {
				documents.add(DocumentView.of(drafts.get(i), plan, issued.get(i)));
			}
		}
		catch (InvoiceWriter.AlreadySettledException ex) {
			log.info("Skipped {} in invoice run {}: {}", plan.organisationId(), runId, ex.getMessage());
			skipped.incrementAndGet();
		}
		catch (RuntimeException ex) {
			log.error("Could not invoice organisation {} in run {}", plan.organisationId(), runId, ex);
			failures.add(new Failure(plan.organisationId(), plan.customer().name(),
					"Could not issue: " + ex.getClass().getSimpleName() + ": " + ex.getMessage()));
		}
	}

	private RunReport dryRun(LocalDate asOf, Instant startedAt, List<CustomerPlan> plans) {
		List<DocumentView> documents = new ArrayList<>();
		List<Failure> failures = new ArrayList<>();
		for (CustomerPlan plan : plans) {
			if (plan.customer() == null) {
				failures.add(new Failure(plan.organisationId(), "",
						"The organisation has no billing details; enter them and run again."));
			}
			plan.documents().stream()
				.sorted(java.util.Comparator.comparing(DraftDocument::kind))
				.forEach(document -> documents.add(DocumentView.of(document, plan, null)));
		}
		return report(null, asOf, startedAt, clock.instant(), documents, failures, 0);
	}

	private RunReport finish(UUID runId, LocalDate asOf, Instant startedAt, List<DocumentView> documents,
			List<Failure> failures, int skipped, boolean scheduled) {
		Instant finishedAt = clock.instant();
		RunReport report = report(runId, asOf, startedAt, finishedAt, new ArrayList<>(documents),
				new ArrayList<>(failures), skipped);
		recordFinish(report, scheduled);
		log.info("Invoice run {} as of {}: {} invoice(s), {} credit note(s), {} skipped, {} failed in {} ms", runId,
				asOf, report.invoices(), report.creditNotes(), skipped, report.failures().size(),
				finishedAt.toEpochMilli() - startedAt.toEpochMilli());
		return report;
	}

	private void recordFinish(RunReport report, boolean scheduled) {
		transactions.executeWithoutResult(status -> {
			recordFinishNow(report);
			if (report.runId() != null) {
				events.publishEvent(new InvoiceRunFinished(report.runId(), report.asOf(), scheduled,
						report.invoices(), report.creditNotes(), report.failures().size(), report.finishedAt()));
			}
		});
	}

	private void recordFinishNow(RunReport report) {
		jdbc.sql("""
				update invoice_runs set finished_at = :finishedAt, invoices_issued = :invoices,
					credit_notes_issued = :creditNotes, customers_failed = :failed
				where id = :id
				""")
			.param("finishedAt", report.finishedAt().atOffset(ZoneOffset.UTC))
			.param("invoices", report.invoices())
			.param("creditNotes", report.creditNotes())
			.param("failed", report.failures().size())
			.param("id", report.runId())
			.update();
		for (Failure failure : report.failures()) {
			jdbc.sql("insert into invoice_run_failures (run_id, organisation_id, reason) values (:run, :org, :reason)")
				.param("run", report.runId())
				.param("org", failure.organisationId())
				.param("reason", failure.reason().length() > 1000 ? failure.reason().substring(0, 1000) : failure.reason())
				.update();
		}
	}

	private static RunReport report(@Nullable UUID runId, LocalDate asOf, Instant startedAt, Instant finishedAt,
			List<DocumentView> documents, List<Failure> failures, int skipped) {
		documents.sort(java.util.Comparator.comparing(DocumentView::customer).thenComparing(d -> d.kind())
			.thenComparing(DocumentView::currency));
		Map<String, Total> totals = new TreeMap<>();
		for (DocumentView document : documents) {
			totals.merge(document.kind() + " " + document.currency(),
					new Total(document.kind(), document.currency(), document.total(), 1),
					(a, b) -> new Total(a.kind(), a.currency(), a.total().add(b.total()), a.documents() + 1));
		}
		int invoices = (int) documents.stream().filter(d -> d.kind() == InvoiceKind.INVOICE).count();
		return new RunReport(runId, asOf, runId == null, startedAt, finishedAt, invoices, documents.size() - invoices,
				skipped, List.copyOf(totals.values()), documents, failures);
	}

	/** The most recent runs, newest first. */
	@Transactional(readOnly = true)
	List<RunSummary> recent(CurrentUser user, int limit) {
		requireOperator(user);
		return jdbc.sql("""
				select r.id, r.as_of, r.started_at, r.finished_at, r.started_by_schedule, u.name as started_by,
					r.invoices_issued, r.credit_notes_issued, r.customers_failed
				from invoice_runs r left join users u on u.id = r.started_by
				order by r.started_at desc limit :limit
				""")
			.param("limit", limit)
			.query((rs, row) -> new RunSummary(BillingReads.uuid(rs, "id"), BillingReads.date(rs, "as_of"),
					rs.getObject("started_at", java.time.OffsetDateTime.class).toInstant(),
					rs.getObject("finished_at", java.time.OffsetDateTime.class) == null ? null
							: rs.getObject("finished_at", java.time.OffsetDateTime.class).toInstant(),
					rs.getBoolean("started_by_schedule"), rs.getString("started_by"), rs.getInt("invoices_issued"),
					rs.getInt("credit_notes_issued"), rs.getInt("customers_failed")))
			.list();
	}
}
