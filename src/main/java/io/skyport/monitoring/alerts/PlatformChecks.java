package io.skyport.monitoring.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.springframework.stereotype.Component;

import io.skyport.notifications.EmailDeliveryHealth;
import io.skyport.platform.AbandonedEventPublications;

/**
 * The built-in rules about the platform itself, checked on every evaluation: e-mail that cannot be delivered, and
 * event publications the platform gave up retrying.
 */
@Component
class PlatformChecks {

	static final String EMAIL = "platform:email";
	static final String EVENTS = "platform:events";

	private final EmailDeliveryHealth email;
	private final AbandonedEventPublications abandoned;
	private final AlertRules rules;
	private final AlertLedger ledger;

	PlatformChecks(EmailDeliveryHealth email, AbandonedEventPublications abandoned, AlertRules rules,
			AlertLedger ledger) {
		this.email = email;
		this.abandoned = abandoned;
		this.rules = rules;
		this.ledger = ledger;
	}

	void evaluate(Instant now) {
		rules.findByBuiltin(BuiltIn.EMAIL_FAILING).filter(AlertRule::enabled).ifPresent(rule -> emails(rule, now));
		rules.findByBuiltin(BuiltIn.EVENTS_ABANDONED).filter(AlertRule::enabled).ifPresent(rule -> events(rule, now));
	}

	private void emails(AlertRule rule, Instant now) {
		Duration window = Objects.requireNonNullElse(rule.duration(), Duration.ofMinutes(15));
		long threshold = Math.max(1, Math.round(Objects.requireNonNullElse(rule.threshold(), 1.0)));
		long failed = email.failedBetween(now.minus(window), now.plusNanos(1));
		String within = Units.minutes(window.toMinutes());
		if (failed >= threshold) {
			ledger.fire(rule, AlertSubject.platform(EMAIL, "E-mail delivery"), failed
					+ (failed == 1 ? " e-mail" : " e-mails") + " could not be handed to the SMTP server in the last "
					+ within + " and " + (failed == 1 ? "is" : "are") + " not delivered yet", (double) failed, now);
		}
		else {
			ledger.resolve(rule, EMAIL, failed == 0 ? "No undelivered e-mail failed in the last " + within
					: "Only " + failed + " undelivered e-mail(s) failed in the last " + within, now);
		}
	}

	private void events(AlertRule rule, Instant now) {
		long count = abandoned.count();
		if (count > 0) {
			ledger.fire(rule, AlertSubject.platform(EVENTS, "Event publications"), count
					+ (count == 1 ? " event publication was" : " event publications were")
					+ " given up after failing for days; resubmit them after fixing the cause", (double) count, now);
		}
		else {
			ledger.resolve(rule, EVENTS, "No abandoned event publications left", now);
		}
	}
}
