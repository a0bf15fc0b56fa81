package io.skyport.monitoring.alerts;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.CurrentUser;
import io.skyport.compute.ComputeCapacity;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.InstanceState;
import io.skyport.monitoring.alerts.AlertRuleService.Owner;
import io.skyport.monitoring.alerts.AlertRuleService.StateFilter;
import io.skyport.monitoring.samples.Metric;
import io.skyport.monitoring.samples.SubjectKind;
import io.skyport.monitoring.samples.Subjects;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * The alerts pages: {@value #OWN} for an organisation's rules about its own servers, its firing alerts and history;
 * {@value #ADMIN} for the operators' rules (built-ins with their switches and thresholds), alerts and history.
 */
@Controller
class AlertPagesController {

	static final String OWN = "/panel/alerts";
	static final String ADMIN = "/panel/admin/alerts";
	private static final int HISTORY = 50;

	private final AlertRuleService service;
	private final ComputeInstances instances;
	private final ComputeCapacity capacity;
	private final Subjects subjects;

	AlertPagesController(AlertRuleService service, ComputeInstances instances, ComputeCapacity capacity,
			Subjects subjects) {
		this.service = service;
		this.instances = instances;
		this.capacity = capacity;
		this.subjects = subjects;
	}

	/** A rule form's fields as typed, shown again with the errors; {@code metric} is qualified: {@code node.pool_used}. */
	record RuleForm(@Nullable String name, @Nullable String metric, @Nullable String comparison,
			@Nullable String threshold, @Nullable String durationMinutes, @Nullable String scope,
			@Nullable String instanceId, @Nullable String nodeId, @Nullable String region) {

		static RuleForm empty() {
			return new RuleForm(null, "instance.cpu", "above", null, "5", null, null, null, null);
		}

		RuleInput input() {
			List<InvalidInputException.Violation> violations = new java.util.ArrayList<>();
			Double number = decimal("threshold", threshold, violations);
			Integer minutes = whole("durationMinutes", durationMinutes, violations);
			if (!violations.isEmpty()) {
				throw new InvalidInputException(violations);
			}
			String kind = metric != null && metric.startsWith("node.") ? "node" : "instance";
			String key = metric == null ? null : metric.substring(metric.indexOf('.') + 1);
			return new RuleInput(name, kind, key, comparison, number, minutes, scope, instanceId, nodeId, region, true);
		}
	}

	record Choice(String value, String label) {
	}

	@GetMapping(OWN)
	String own(@AuthenticationPrincipal CurrentUser user, Model model) {
		return ownPage(user, model, RuleForm.empty(), FormErrors.none(), null);
	}

	@PostMapping(OWN + "/rules")
	String createOwn(@AuthenticationPrincipal CurrentUser user, RuleForm form, Model model,
			RedirectAttributes redirect) {
		try {
			AlertViews.RuleView rule = service.create(Owner.of(user), form.input());
			redirect.addFlashAttribute("notice", "Added the rule '" + rule.name() + "'.");
			return "redirect:" + OWN;
		}
		catch (InvalidInputException ex) {
			return ownPage(user, model, form, FormErrors.of(ex), null);
		}
		catch (ConflictException ex) {
			return ownPage(user, model, form, FormErrors.of("name", ex.getMessage()), null);
		}
	}

	@PostMapping(OWN + "/rules/{id}")
	String tuneOwn(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String enabled,
			@RequestParam(required = false) @Nullable String threshold,
			@RequestParam(required = false) @Nullable String durationMinutes, Model model,
			RedirectAttributes redirect) {
		try {
			tune(Owner.of(user), id, enabled, threshold, durationMinutes, redirect);
			return "redirect:" + OWN;
		}
		catch (InvalidInputException ex) {
			return ownPage(user, model, RuleForm.empty(), FormErrors.of(ex), id);
		}
	}

	@PostMapping(OWN + "/rules/{id}/delete")
	String deleteOwn(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		AlertViews.RuleView rule = service.rule(Owner.of(user), id);
		service.delete(Owner.of(user), id);
		redirect.addFlashAttribute("notice", "Deleted the rule '" + rule.name() + "'.");
		return "redirect:" + OWN;
	}

	@GetMapping(ADMIN)
	String admin(Model model) {
		return adminPage(model, RuleForm.empty(), FormErrors.none(), null);
	}

	@PostMapping(ADMIN + "/rules")
	String createOperatorRule(RuleForm form, Model model, RedirectAttributes redirect) {
		try {
			AlertViews.RuleView rule = service.create(Owner.operators(), form.input());
			redirect.addFlashAttribute("notice", "Added the rule '" + rule.name() + "'.");
			return "redirect:" + ADMIN;
		}
		catch (InvalidInputException ex) {
			return adminPage(model, form, FormErrors.of(ex), null);
		}
		catch (ConflictException ex) {
			return adminPage(model, form, FormErrors.of("name", ex.getMessage()), null);
		}
	}

	@PostMapping(ADMIN + "/rules/{id}")
	String tuneOperatorRule(@PathVariable UUID id, @RequestParam(required = false) @Nullable String enabled,
			@RequestParam(required = false) @Nullable String threshold,
			@RequestParam(required = false) @Nullable String durationMinutes, Model model,
			RedirectAttributes redirect) {
		try {
			tune(Owner.operators(), id, enabled, threshold, durationMinutes, redirect);
			return "redirect:" + ADMIN;
		}
		catch (InvalidInputException ex) {
			return adminPage(model, RuleForm.empty(), FormErrors.of(ex), id);
		}
	}

	@PostMapping(ADMIN + "/rules/{id}/delete")
	String deleteOperatorRule(@PathVariable UUID id, Model model, RedirectAttributes redirect) {
		AlertViews.RuleView rule = service.rule(Owner.operators(), id);
		try {
			service.delete(Owner.operators(), id);
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("notice", ex.getMessage());
			return "redirect:" + ADMIN;
		}
		redirect.addFlashAttribute("notice", "Deleted the rule '" + rule.name() + "'.");
		return "redirect:" + ADMIN;
	}

	private void tune(Owner owner, UUID id, @Nullable String enabled, @Nullable String threshold,
			@Nullable String durationMinutes, RedirectAttributes redirect) {
		List<InvalidInputException.Violation> violations = new java.util.ArrayList<>();
		Double number = decimal("threshold", threshold, violations);
		Integer minutes = whole("durationMinutes", durationMinutes, violations);
		Boolean on = switch (enabled == null ? "" : enabled.strip()) {
			case "" -> null;
			case "true", "on" -> true;
			case "false", "off" -> false;
			default -> {
				violations.add(new InvalidInputException.Violation("enabled", "Choose on or off."));
				yield null;
			}
		};
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		AlertViews.RuleView rule = service.tune(owner, id, on, number, minutes);
		redirect.addFlashAttribute("notice", "Saved the rule '" + rule.name() + "' (" + (rule.enabled() ? "on" : "off")
				+ ").");
	}

	private String ownPage(CurrentUser user, Model model, RuleForm form, FormErrors errors, @Nullable UUID failedRule) {
		Owner owner = Owner.of(user);
		model.addAttribute("rules", service.rules(owner));
		model.addAttribute("firing", service.alerts(owner, StateFilter.FIRING, 0, AlertRuleService.MAX_PAGE_SIZE));
		model.addAttribute("history", service.alerts(owner, StateFilter.RESOLVED, 0, HISTORY));
		model.addAttribute("metrics", metrics(List.of(SubjectKind.INSTANCE)));
		model.addAttribute("servers", instances.ofOrganisation(user.organisationId())
			.stream()
			.filter(instance -> instance.state() != InstanceState.DELETED && instance.state() != InstanceState.DELETING)
			.map(instance -> new Choice(instance.id().id().toString(), instance.name()))
			.toList());
		model.addAttribute("scopes", List.of(new Choice("all", "All my servers"), new Choice("instance", "One server")));
		return page(model, form, errors, failedRule, false);
	}

	private String adminPage(Model model, RuleForm form, FormErrors errors, @Nullable UUID failedRule) {
		Owner owner = Owner.operators();
		model.addAttribute("rules", service.rules(owner));
		model.addAttribute("firing", service.alerts(owner, StateFilter.FIRING, 0, AlertRuleService.MAX_PAGE_SIZE));
		model.addAttribute("history", service.alerts(owner, StateFilter.RESOLVED, 0, HISTORY));
		model.addAttribute("metrics", metrics(List.of(SubjectKind.values())));
		model.addAttribute("nodes", subjects.all(SubjectKind.NODE)
			.stream()
			.map(node -> new Choice(node.id().toString(), node.name() + " (" + node.region() + ")"))
			.toList());
		model.addAttribute("regions", capacity.regions());
		model.addAttribute("scopes", List.of(new Choice("all", "All nodes or servers"),
				new Choice("region", "A region"), new Choice("node", "A node (or the servers on it)"),
				new Choice("instance", "One server")));
		return page(model, form, errors, failedRule, true);
	}

	private static String page(Model model, RuleForm form, FormErrors errors, @Nullable UUID failedRule,
			boolean admin) {
		model.addAttribute("form", form);
		model.addAttribute("errors", failedRule == null ? errors : FormErrors.none());
		model.addAttribute("ruleErrors", failedRule == null ? FormErrors.none() : errors);
		model.addAttribute("failedRule", failedRule);
		model.addAttribute("admin", admin);
		model.addAttribute("base", admin ? ADMIN : OWN);
		return admin ? "monitoring/alerts-admin" : "monitoring/alerts";
	}

	private static List<Choice> metrics(List<SubjectKind> kinds) {
		return Arrays.stream(Metric.values())
			.filter(metric -> kinds.contains(metric.kind()))
			.map(metric -> new Choice(metric.kind().name().toLowerCase(java.util.Locale.ROOT) + "." + metric.key(),
					(metric.kind() == SubjectKind.NODE ? "Node: " : "") + metric.label() + " (" + metric.unit() + ")"))
			.toList();
	}

	static @Nullable Double decimal(String field, @Nullable String value,
			List<InvalidInputException.Violation> violations) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			double number = Double.parseDouble(value.strip().replace(',', '.'));
			if (Double.isFinite(number)) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		violations.add(new InvalidInputException.Violation(field, "'" + shorten(value) + "' is not a number."));
		return null;
	}

	static @Nullable Integer whole(String field, @Nullable String value,
			List<InvalidInputException.Violation> violations) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			violations.add(new InvalidInputException.Violation(field, "'" + shorten(value)
					+ "' is not a whole number of minutes."));
			return null;
		}
	}

	private static String shorten(String value) {
		return value.length() > 40 ? value.substring(0, 40) + "…" : value;
	}
}
