package io.skyport.monitoring.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.monitoring.alerts.AlertViews.AlertView;
import io.skyport.monitoring.alerts.AlertViews.RuleView;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;

/**
 * Rules and alerts as their owners see them. Every call names whose: the operators' ({@link Owner#operators()},
 * built-ins included) or one organisation's; a rule or alert of someone else is not found.
 */
@Service
class AlertRuleService {

	static final int DEFAULT_PAGE_SIZE = 50;
	static final int MAX_PAGE_SIZE = 200;
	static final int MAX_PAGE = 10_000;

	/** Whose rules and alerts: {@code organisationId} null for the operators'. */
	record Owner(@Nullable UUID organisationId) {

		static Owner operators() {
			return new Owner(null);
		}

		static Owner of(CurrentUser user) {
			return new Owner(user.organisationId().id());
		}

		boolean isOperators() {
			return organisationId == null;
		}

		@Nullable OrganisationId customer() {
			return organisationId == null ? null : new OrganisationId(organisationId);
		}
	}

	/** Which alerts a list shows. */
	enum StateFilter {
		ALL, FIRING, RESOLVED;

		static StateFilter parse(@Nullable String value) {
			if (value == null || value.isBlank()) {
				return ALL;
			}
			return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
				case "all" -> ALL;
				case "firing" -> FIRING;
				case "resolved" -> RESOLVED;
				default -> throw InvalidInputException.of("state", "Use firing, resolved or all.");
			};
		}

		Set<Alert.State> states() {
			return switch (this) {
				case ALL -> EnumSet.allOf(Alert.State.class);
				case FIRING -> EnumSet.of(Alert.State.FIRING);
				case RESOLVED -> EnumSet.of(Alert.State.RESOLVED);
			};
		}
	}

	private final AlertRules rules;
	private final Alerts alerts;
	private final AlertLedger ledger;
	private final RuleValidation validation;
	private final AlertSettings settings;
	private final Clock clock;

	AlertRuleService(AlertRules rules, Alerts alerts, AlertLedger ledger, RuleValidation validation,
			AlertSettings settings, Clock clock) {
		this.rules = rules;
		this.alerts = alerts;
		this.ledger = ledger;
		this.validation = validation;
		this.settings = settings;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	List<RuleView> rules(Owner owner) {
		List<AlertRule> list = owner.isOperators() ? rules.findOperatorRules()
				: rules.findByOrganisationIdOrderByCreatedAtAscIdAsc(owner.organisationId());
		Map<UUID, Integer> firing = new HashMap<>();
		if (!list.isEmpty()) {
			for (Object[] row : alerts.countFiring(list.stream().map(AlertRule::id).toList())) {
				firing.put((UUID) row[0], ((Number) row[1]).intValue());
			}
		}
		return list.stream().map(rule -> RuleView.of(rule, firing.getOrDefault(rule.id(), 0))).toList();
	}

	@Transactional(readOnly = true)
	RuleView rule(Owner owner, UUID id) {
		AlertRule rule = find(owner, id);
		return RuleView.of(rule, ledger.firing(rule).size());
	}

	@Transactional
	RuleView create(Owner owner, RuleInput input) {
		RuleSpec spec = validation.check(input, owner.customer());
		long count = owner.isOperators() ? rules.countOperatorRules() : rules.countByOrganisationId(owner.organisationId());
		int max = owner.isOperators() ? settings.maxOperatorRules() : settings.maxCustomerRules();
		if (count >= max) {
			throw new ConflictException("You have " + count + " alert rules, the most allowed. Delete one first.");
		}
		AlertRule rule = rules.save(new AlertRule(owner.organisationId(), spec, clock.instant()));
		return RuleView.of(rule, 0);
	}

	/**
	 * Replaces a metric rule (its firing alerts resolve: the next evaluation decides afresh); for a built-in only
	 * {@code enabled}, {@code threshold} and {@code durationMinutes} count.
	 */
	@Transactional
	RuleView replace(Owner owner, UUID id, RuleInput input) {
		AlertRule rule = find(owner, id);
		if (rule.isBuiltIn()) {
			return tune(owner, id, input.enabled(), input.threshold(), input.durationMinutes());
		}
		RuleSpec spec = validation.check(input, owner.customer());
		rule.apply(spec, clock.instant());
		rules.save(rule);
		ledger.resolveAll(rule, "The rule was changed");
		return RuleView.of(rule, 0);
	}

	/** Switches a rule on or off and sets its threshold and duration (unchanged where not given). */
	@Transactional
	RuleView tune(Owner owner, UUID id, @Nullable Boolean enabled, @Nullable Double threshold,
			@Nullable Integer durationMinutes) {
		AlertRule rule = find(owner, id);
		List<Violation> violations = new ArrayList<>();
		Double newThreshold;
		Duration newDuration;
		if (rule.isBuiltIn()) {
			BuiltIn builtIn = java.util.Objects.requireNonNull(rule.builtin());
			newThreshold = validation.builtInThreshold(builtIn, threshold, violations);
			newDuration = validation.builtInDuration(builtIn, durationMinutes, violations);
		}
		else {
			RuleSpec current = new RuleSpec(rule.name(), java.util.Objects.requireNonNull(rule.metric()),
					java.util.Objects.requireNonNull(rule.comparison()),
					java.util.Objects.requireNonNull(rule.threshold()),
					java.util.Objects.requireNonNull(rule.duration()), rule.scope(), rule.scopeTarget(), rule.enabled());
			RuleInput check = new RuleInput(current.name(),
					current.metric().kind().name().toLowerCase(java.util.Locale.ROOT), current.metric().key(),
					current.comparison().word(),
					threshold != null ? threshold : current.threshold(),
					durationMinutes != null ? durationMinutes : Math.toIntExact(current.duration().toMinutes()), "all",
					null, null, null, null);
			try {
				validation.check(check, owner.customer());
			}
			catch (InvalidInputException ex) {
				violations.addAll(ex.violations());
			}
			newThreshold = threshold;
			newDuration = durationMinutes == null ? null : Duration.ofMinutes(durationMinutes);
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		boolean wasEnabled = rule.enabled();
		boolean changed = newThreshold != null && !newThreshold.equals(rule.threshold())
				|| newDuration != null && !newDuration.equals(rule.duration());
		rule.tune(enabled == null ? rule.enabled() : enabled, newThreshold, newDuration, clock.instant());
		rules.save(rule);
		if (wasEnabled && !rule.enabled()) {
			ledger.resolveAll(rule, "The rule was switched off");
		}
		else if (changed) {
			ledger.resolveAll(rule, "The rule was changed");
		}
		return RuleView.of(rule, ledger.firing(rule).size());
	}

	@Transactional
	void delete(Owner owner, UUID id) {
		AlertRule rule = find(owner, id);
		if (rule.isBuiltIn()) {
			throw new ConflictException("A built-in rule cannot be deleted; switch it off instead.");
		}
		ledger.resolveAll(rule, "The rule was deleted");
		rules.delete(rule);
	}

	@Transactional(readOnly = true)
	List<AlertView> alerts(Owner owner, StateFilter filter, int page, int size) {
		PageRequest request = PageRequest.of(page, size);
		List<Alert> list = owner.isOperators() ? alerts.findOperators(filter.states(), request)
				: alerts.findOwn(owner.organisationId(), filter.states(), request);
		return list.stream().map(AlertView::of).toList();
	}

	@Transactional(readOnly = true)
	AlertView alert(Owner owner, UUID id) {
		return (owner.isOperators() ? alerts.findOperatorAlert(id) : alerts.findByIdAndOrganisationId(id,
				owner.organisationId()))
			.map(AlertView::of)
			.orElseThrow(() -> NotFoundException.of("alert", id));
	}

	private AlertRule find(Owner owner, UUID id) {
		return (owner.isOperators() ? rules.findOperatorRule(id) : rules.findByIdAndOrganisationId(id,
				owner.organisationId()))
			.orElseThrow(() -> NotFoundException.of("alert rule", id));
	}
}
