package io.skyport.monitoring.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires and resolves alerts: at most one firing alert per rule and subject (a unique index, so also when two servers
 * evaluate at once). Each change is its own transaction, so one subject's failure never undoes another's alert.
 */
@Component
class AlertLedger {

	private final Alerts alerts;
	private final AlertRules rules;
	private final TransactionTemplate transactions;
	private final Clock clock;

	AlertLedger(Alerts alerts, AlertRules rules, PlatformTransactionManager transactionManager, Clock clock) {
		this.alerts = alerts;
		this.rules = rules;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/**
	 * Fires the rule for the subject unless it is firing already (or the built-in is switched off).
	 *
	 * @return whether a new alert fired.
	 */
	boolean fire(BuiltIn builtIn, AlertSubject subject, String summary, @Nullable Instant at) {
		Optional<AlertRule> rule = rules.findByBuiltin(builtIn);
		return rule.isPresent() && rule.get().enabled() && fire(rule.get(), subject, summary, null, at);
	}

	/** @return whether a new alert fired. */
	boolean fire(AlertRule rule, AlertSubject subject, String summary, @Nullable Double value, @Nullable Instant at) {
		Instant now = at != null ? at : clock.instant();
		try {
			Boolean fired = transactions.execute(status -> {
				if (alerts.findByRuleIdAndSubjectKeyAndState(rule.id(), subject.key(), Alert.State.FIRING).isPresent()) {
					return false;
				}
				alerts.save(new Alert(rule, subject, summary, value, now));
				return true;
			});
			return Boolean.TRUE.equals(fired);
		}
		catch (DataIntegrityViolationException ex) {
			return false;
		}
	}

	/** Resolves the built-in's firing alert for the subject, if any (also when the rule was switched off since). */
	void resolve(BuiltIn builtIn, String subjectKey, String reason, @Nullable Instant at) {
		rules.findByBuiltin(builtIn).ifPresent(rule -> resolve(rule, subjectKey, reason, at));
	}

	void resolve(AlertRule rule, String subjectKey, String reason, @Nullable Instant at) {
		Instant now = at != null ? at : clock.instant();
		transactions.executeWithoutResult(status -> alerts
			.findByRuleIdAndSubjectKeyAndState(rule.id(), subjectKey, Alert.State.FIRING)
			.ifPresent(alert -> {
				alert.resolve(reason, now);
				alerts.save(alert);
			}));
	}

	/** Resolves every firing alert of the rule (it was switched off, changed or deleted). */
	void resolveAll(AlertRule rule, String reason) {
		for (Alert alert : firing(rule)) {
			resolve(rule, alert.subjectKey(), reason, null);
		}
	}

	List<Alert> firing(AlertRule rule) {
		return alerts.findByRuleIdAndState(rule.id(), Alert.State.FIRING);
	}

	/** The subject keys of the rule's firing alerts. */
	Collection<String> firingKeys(AlertRule rule) {
		return firing(rule).stream().map(Alert::subjectKey).toList();
	}
}
