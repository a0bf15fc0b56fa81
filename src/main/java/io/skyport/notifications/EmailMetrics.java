package io.skyport.notifications;

import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.skyport.platform.metrics.DatabaseGauges;

/**
 * E-mail's series: {@code skyport_mail_deliveries_total{outcome}}, each delivery attempt by what came of it (sent over
 * SMTP, stored in the outbox, failed), and {@code skyport_mail_undelivered}, e-mails whose last attempt failed and
 * that wait for the event retry job to send them again (counted in the database on a partial index of the failed
 * ones, kept for the gauge TTL).
 */
@Component
class EmailMetrics {

	static final String DELIVERIES = "skyport.mail.deliveries";
	static final String UNDELIVERED = "skyport.mail.undelivered";

	/** What one delivery attempt came to. */
	enum Outcome {
		SENT, OUTBOX, FAILED
	}

	private final Counter[] deliveries = new Counter[Outcome.values().length];

	EmailMetrics(MeterRegistry meters, DatabaseGauges gauges, JdbcClient jdbc) {
		for (Outcome outcome : Outcome.values()) {
			deliveries[outcome.ordinal()] = Counter.builder(DELIVERIES)
				.description("E-mail delivery attempts: sent (the SMTP server took it), outbox (no SMTP server "
						+ "configured), failed (the SMTP server refused or was unreachable; retried later)")
				.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
				.register(meters);
		}
		gauges.count(UNDELIVERED, "E-mails whose last delivery attempt failed, waiting to be sent again",
				() -> jdbc.sql("select count(*) from email_deliveries where status = 'FAILED'").query(Long.class)
					.single());
	}

	void attempted(Outcome outcome) {
		deliveries[outcome.ordinal()].increment();
	}
}
