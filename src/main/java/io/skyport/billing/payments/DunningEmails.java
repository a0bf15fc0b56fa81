package io.skyport.billing.payments;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.skyport.notifications.EmailRequest;
import io.skyport.notifications.Emails;
import io.skyport.platform.money.Money;

/**
 * E-mails the customer's billing address about each dunning step, after the step committed. An SMTP outage fails
 * this listener; the platform resubmits its publication with backoff, and the idempotency key
 * {@code dunning:<invoice>:<STEP>} keeps it to one message per step.
 */
@Component
class DunningEmails {

	private final JdbcClient jdbc;
	private final Emails emails;

	DunningEmails(JdbcClient jdbc, Emails emails) {
		this.jdbc = jdbc;
		this.emails = emails;
	}

	@ApplicationModuleListener
	void on(DunningStepTaken event) {
		Map<String, Object> row = jdbc.sql("""
				select i.number, i.customer_name, i.due_on, i.total, i.currency, i.issuer_name, i.issuer_email,
					coalesce(b.billing_email, i.customer_email) as email
				from invoices i left join billing_accounts b on b.organisation_id = i.organisation_id
				where i.id = :id
				""")
			.param("id", event.invoiceId().id())
			.query().singleRow();
		String number = (String) row.get("number");
		String total = Money.rounded((java.math.BigDecimal) row.get("total"), (String) row.get("currency")).display();
		String subject = switch (event.step()) {
			case REMINDER -> "Reminder: invoice " + number + " is overdue";
			case SUSPEND -> "Your subscriptions are suspended: invoice " + number + " is unpaid";
			case CANCEL -> "Your subscriptions are cancelled: invoice " + number + " is unpaid";
		};
		emails.send(EmailRequest.of("dunning:" + event.invoiceId() + ":" + event.step().name(),
				(String) row.get("email"), subject, event.step().template(),
				Map.of("customerName", row.get("customer_name"), "number", number, "total", total,
						"dueOn", row.get("due_on").toString(), "daysOverdue", event.daysOverdue(),
						"invoiceId", event.invoiceId().toString(), "issuerName", row.get("issuer_name"),
						"issuerEmail", row.get("issuer_email") == null ? "" : row.get("issuer_email"))));
	}
}
