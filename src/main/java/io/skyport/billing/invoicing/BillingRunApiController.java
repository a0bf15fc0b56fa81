package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.skyport.billing.UsageRecord;
import io.skyport.billing.UsageRecords;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Operators' billing operations: invoice runs and usage records.
 */
@RestController
@Tag(name = "Billing operations")
class BillingRunApiController {

	private final InvoiceRuns runs;
	private final UsageRecords usage;

	BillingRunApiController(InvoiceRuns runs, UsageRecords usage) {
		this.runs = runs;
		this.usage = usage;
	}

	/**
	 * @param asOf invoice everything due up to this day (default: today).
	 * @param dryRun only compute what would be issued.
	 */
	record RunRequest(@Nullable LocalDate asOf, @Nullable Boolean dryRun) {
	}

	record UsageRequest(@Nullable List<UsageItem> records) {
	}

	record UsageItem(@Nullable UUID subscriptionId, @Nullable UUID instanceId, @Nullable String metric,
			@Nullable Instant hour, @Nullable BigDecimal quantity) {
	}

	/** @param alreadyRecorded records that were there before (the same key and quantity). */
	record UsageResponse(int recorded, int alreadyRecorded) {
	}

	@PostMapping("/api/v1/billing/runs")
	@Operation(summary = "Invoice everything due up to asOf, or with dryRun only show what would be issued (operators)")
	ResponseEntity<InvoiceRuns.RunReport> run(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) @Nullable RunRequest request) {
		LocalDate asOf = request == null || request.asOf() == null ? runs.today() : request.asOf();
		boolean dryRun = request != null && Boolean.TRUE.equals(request.dryRun());
		InvoiceRuns.RunReport report = runs.run(user, asOf, dryRun);
		return report.runId() == null ? ResponseEntity.ok(report)
				: ResponseEntity.status(HttpStatus.CREATED)
					.location(URI.create("/api/v1/billing/runs/" + report.runId()))
					.body(report);
	}

	@GetMapping("/api/v1/billing/runs")
	@Operation(summary = "The most recent invoice runs (operators)")
	List<InvoiceRuns.RunSummary> recent(@AuthenticationPrincipal CurrentUser user) {
		return runs.recent(user, 50);
	}

	@PostMapping("/api/v1/billing/usage")
	@Operation(summary = "Record usage, idempotently per instance, metric and hour; all or nothing (operators)")
	UsageResponse usage(@AuthenticationPrincipal CurrentUser user, @RequestBody UsageRequest request) {
		if (!user.isOperator()) {
			throw new ForbiddenException("Only operators may record usage.");
		}
		if (request.records() == null || request.records().isEmpty()) {
			throw InvalidInputException.of("records", "Send at least one usage record.");
		}
		List<Violation> violations = new ArrayList<>();
		List<UsageRecord> records = new ArrayList<>();
		for (int i = 0; i < request.records().size(); i++) {
			UsageItem item = request.records().get(i);
			String field = "records[" + i + "].";
			require(item.subscriptionId(), field + "subscriptionId", "Name the subscription the usage is billed to.", violations);
			require(item.instanceId(), field + "instanceId", "Name the instance that was measured.", violations);
			require(item.metric(), field + "metric", "Name the metric, e.g. bandwidth.", violations);
			require(item.hour(), field + "hour", "Give the hour measured, e.g. 2026-11-23T14:00:00Z.", violations);
			require(item.quantity(), field + "quantity", "Give the quantity measured.", violations);
			if (item.subscriptionId() != null && item.instanceId() != null && item.metric() != null
					&& item.hour() != null && item.quantity() != null) {
				records.add(new UsageRecord(item.subscriptionId(), item.instanceId(), item.metric(), item.hour(),
						item.quantity()));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		int recorded = usage.recordAll(records);
		return new UsageResponse(recorded, records.size() - recorded);
	}

	/** A run too far ahead is well-formed but cannot be processed: 422, unlike malformed input (400). */
	@ExceptionHandler(InvoiceRuns.TooFarAheadException.class)
	ResponseEntity<ProblemDetail> tooFarAhead(InvoiceRuns.TooFarAheadException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage(), request);
		problem.setProperty("errors", ex.violations().stream()
			.map(violation -> Map.of("field", violation.field(), "message", violation.message()))
			.toList());
		return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static void require(@Nullable Object value, String field, String message, List<Violation> violations) {
		if (value == null) {
			violations.add(new Violation(field, message));
		}
	}
}
