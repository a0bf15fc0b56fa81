package io.skyport.monitoring.alerts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.accounts.OrganisationType;
import io.skyport.monitoring.AlertRaised;
import io.skyport.monitoring.AlertResolved;
import io.skyport.notifications.EmailRequest;
import io.skyport.notifications.Emails;
import io.skyport.notifications.NoticeRequest;
import io.skyport.notifications.Notices;

/**
 * Tells people about alerts: a customer's to every member of their organisation, the operators' (built-ins among
 * them) to every member of every operator organisation — a notice in the panel and an e-mail each, when an alert fires
 * and when it resolves. Idempotent per alert, state and person, so a retried listener sends nothing twice.
 */
@Component
class AlertNotifications {

	private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(java.time.ZoneOffset.UTC);

	private final Accounts accounts;
	private final Emails emails;
	private final Notices notices;

	AlertNotifications(Accounts accounts, Emails emails, Notices notices) {
		this.accounts = accounts;
		this.emails = emails;
		this.notices = notices;
	}

	@ApplicationModuleListener
	void on(AlertRaised event) {
		String title = "Alert: " + event.ruleName() + " — " + event.subjectName();
		Map<String, Object> model = new HashMap<>();
		model.put("firing", true);
		model.put("ruleName", event.ruleName());
		model.put("subjectName", event.subjectName());
		model.put("summary", event.summary());
		model.put("firedAt", time(event.firedAt()));
		tell("alert-raised:" + event.alertId().id(), event.organisationId(), title, event.summary(), model);
	}

	@ApplicationModuleListener
	void on(AlertResolved event) {
		String title = "Resolved: " + event.ruleName() + " — " + event.subjectName();
		Map<String, Object> model = new HashMap<>();
		model.put("firing", false);
		model.put("ruleName", event.ruleName());
		model.put("subjectName", event.subjectName());
		model.put("summary", event.reason());
		model.put("firedAt", time(event.firedAt()));
		model.put("resolvedAt", time(event.resolvedAt()));
		tell("alert-resolved:" + event.alertId().id(), event.organisationId(), title, event.reason(), model);
	}

	private static String time(java.time.Instant instant) {
		return TIME.format(instant);
	}

	private void tell(String key, @Nullable OrganisationId customer, String title, String body,
			Map<String, Object> model) {
		String link = customer == null ? AlertPagesController.ADMIN : AlertPagesController.OWN;
		String subject = title.length() > 300 ? title.substring(0, 299) + "…" : title;
		String noticeTitle = title.length() > NoticeRequest.MAX_TITLE
				? title.substring(0, NoticeRequest.MAX_TITLE - 1) + "…" : title;
		List<OrganisationId> organisations = customer == null ? accounts.organisations(OrganisationType.OPERATOR)
				: List.of(customer);
		model.put("panelUrl", link);
		for (OrganisationId organisation : organisations) {
			for (CurrentUser member : accounts.members(organisation)) {
				emails.send(EmailRequest.of(key + ":" + member.userId().id(), member.email(), subject,
						"monitoring/alert", model));
			}
			notices.post(new NoticeRequest(key + ":" + organisation.id(), organisation, noticeTitle, body, link));
		}
	}
}
