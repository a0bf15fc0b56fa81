package io.skyport.monitoring.alerts;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.skyport.monitoring.alerts.AlertRuleService.Owner;
import io.skyport.monitoring.alerts.AlertRuleService.StateFilter;
import io.skyport.monitoring.alerts.AlertViews.AlertView;
import io.skyport.monitoring.alerts.AlertViews.RuleView;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.QueryNumbers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Alert rules and alerts over the API: your organisation's under {@code /api/v1/alert-rules} and
 * {@code /api/v1/alerts}, the operators' (built-ins included) under {@code /api/v1/admin/…}. Someone else's rule,
 * alert or server answers 404.
 */
@RestController
@Tag(name = "Alerts")
class AlertApiController {

	private static final String RULE = "A metric rule: subjectKind (instance, the default, or node), metric of that kind "
			+ "(instance: cpu, memory_used, memory_available, network_in, network_out, disk_read, disk_write, "
			+ "disk_read_ops, disk_write_ops; node: cpu, memory_free, pool_free, pool_used, domains), comparison (above, the default, or below), "
			+ "threshold (in the metric's unit: % from 0 to 100, bytes, bytes/s, ops/s or a count), durationMinutes "
			+ "(1 to 1440: every sample of that many minutes must be beyond the threshold), scope and its target, name "
			+ "(optional), enabled (default true). Thresholds that could never be crossed (above 100 %, below 0) and "
			+ "durations out of range: 400 naming the field.";

	private final AlertRuleService service;

	AlertApiController(AlertRuleService service) {
		this.service = service;
	}

	/** A rule as sent; see {@link RuleInput}. */
	record RuleRequest(@Nullable String name, @Nullable String subjectKind, @Nullable String metric, @Nullable String comparison,
			@Nullable Double threshold, @Nullable Integer durationMinutes, @Nullable String scope,
			@Nullable String instanceId, @Nullable String nodeId, @Nullable String region, @Nullable Boolean enabled) {

		RuleInput input() {
			return new RuleInput(name, subjectKind, metric, comparison, threshold, durationMinutes, scope, instanceId, nodeId, region,
					enabled);
		}
	}

	// ---- an organisation's own --------------------------------------------------------------------------------

	@GetMapping("/api/v1/alert-rules")
	@Operation(summary = "Your organisation's alert rules")
	List<RuleView> ownRules(@AuthenticationPrincipal CurrentUser user) {
		return service.rules(Owner.of(user));
	}

	@PostMapping("/api/v1/alert-rules")
	@Operation(summary = "Add an alert rule for your servers",
			description = RULE + " Scope: instance (instanceId: one of your servers) or all (all your servers). "
					+ "Server metrics only (subjectKind instance).")
	ResponseEntity<RuleView> createOwn(@AuthenticationPrincipal CurrentUser user, @RequestBody RuleRequest request) {
		RuleView rule = service.create(Owner.of(user), request.input());
		return ResponseEntity.created(URI.create("/api/v1/alert-rules/" + rule.id())).body(rule);
	}

	@GetMapping("/api/v1/alert-rules/{id}")
	@Operation(summary = "One of your organisation's alert rules")
	RuleView ownRule(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return service.rule(Owner.of(user), id);
	}

	@PutMapping("/api/v1/alert-rules/{id}")
	@Operation(summary = "Replace one of your alert rules", description = RULE
			+ " Its firing alerts resolve; the next evaluation decides afresh.")
	RuleView replaceOwn(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestBody RuleRequest request) {
		return service.replace(Owner.of(user), id, request.input());
	}

	@DeleteMapping("/api/v1/alert-rules/{id}")
	@Operation(summary = "Delete one of your alert rules", description = "Its alerts resolve and stay in the history.")
	ResponseEntity<Void> deleteOwn(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		service.delete(Owner.of(user), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/alerts")
	@Operation(summary = "Your organisation's alerts, newest first",
			description = "state: firing, resolved or all (default); page (from 0) and size (1 to 200, default 50).")
	List<AlertView> ownAlerts(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size) {
		return service.alerts(Owner.of(user), StateFilter.parse(state), pageNumber(page), pageSize(size));
	}

	@GetMapping("/api/v1/alerts/{id}")
	@Operation(summary = "One of your organisation's alerts")
	AlertView ownAlert(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return service.alert(Owner.of(user), id);
	}

	// ---- the operators' ---------------------------------------------------------------------------------------

	@GetMapping("/api/v1/admin/alert-rules")
	@Operation(summary = "The operators' alert rules, built-ins first (operators)")
	List<RuleView> operatorRules() {
		return service.rules(Owner.operators());
	}

	@PostMapping("/api/v1/admin/alert-rules")
	@Operation(summary = "Add an operators' alert rule (operators)", description = RULE
			+ " Scope: instance (instanceId), node (nodeId: the node itself for node metrics such as pool_used, "
			+ "the servers on it for server metrics), region (region) or all. Node metrics need subjectKind node.")
	ResponseEntity<RuleView> createOperatorRule(@RequestBody RuleRequest request) {
		RuleView rule = service.create(Owner.operators(), request.input());
		return ResponseEntity.created(URI.create("/api/v1/admin/alert-rules/" + rule.id())).body(rule);
	}

	@GetMapping("/api/v1/admin/alert-rules/{id}")
	@Operation(summary = "One operators' alert rule (operators)")
	RuleView operatorRule(@PathVariable UUID id) {
		return service.rule(Owner.operators(), id);
	}

	@PutMapping("/api/v1/admin/alert-rules/{id}")
	@Operation(summary = "Replace an operators' alert rule, or tune a built-in (operators)", description = RULE
			+ " For a built-in only enabled, threshold and durationMinutes count (threshold and duration only where "
			+ "the built-in has them: pool nearly full, e-mail delivery failing).")
	RuleView replaceOperatorRule(@PathVariable UUID id, @RequestBody RuleRequest request) {
		return service.replace(Owner.operators(), id, request.input());
	}

	@DeleteMapping("/api/v1/admin/alert-rules/{id}")
	@Operation(summary = "Delete an operators' alert rule (operators)",
			description = "Built-in rules cannot be deleted (409): switch them off.")
	ResponseEntity<Void> deleteOperatorRule(@PathVariable UUID id) {
		service.delete(Owner.operators(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/admin/alerts")
	@Operation(summary = "The operators' alerts, newest first (operators)",
			description = "state: firing, resolved or all (default); page (from 0) and size (1 to 200, default 50).")
	List<AlertView> operatorAlerts(@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size) {
		return service.alerts(Owner.operators(), StateFilter.parse(state), pageNumber(page), pageSize(size));
	}

	@GetMapping("/api/v1/admin/alerts/{id}")
	@Operation(summary = "One operators' alert (operators)")
	AlertView operatorAlert(@PathVariable UUID id) {
		return service.alert(Owner.operators(), id);
	}

	static int pageNumber(@Nullable String value) {
		return QueryNumbers.wholeNumber("page", value, 0, 0, AlertRuleService.MAX_PAGE);
	}

	static int pageSize(@Nullable String value) {
		return QueryNumbers.wholeNumber("size", value, AlertRuleService.DEFAULT_PAGE_SIZE, 1, AlertRuleService.MAX_PAGE_SIZE);
	}
}
