package io.skyport.billing.invoicing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gapless document numbers per prefix and year: {@code SKY-2026-000123} for invoices, {@code SKC-2026-000007} for
 * credit notes. A number is taken from a counter row in the transaction that issues the document; the upsert locks the
 * row until that transaction ends, so concurrent issuers take turns, and a rollback gives the number back.
 */
@Component
class DocumentNumbers {

	private final JdbcClient jdbc;

	DocumentNumbers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The next sequence number; only inside the transaction that issues the document. */
	@Transactional(propagation = Propagation.MANDATORY)
	int next(InvoiceKind kind, int year) {
		return jdbc.sql("""
				insert into document_number_counters (prefix, year, last_number) values (:prefix, :year, 1)
				on conflict (prefix, year) do update set last_number = document_number_counters.last_number + 1
				returning last_number
				""")
			.param("prefix", kind.prefix())
			.param("year", year)
			.query(Integer.class)
			.single();
	}

	static String format(InvoiceKind kind, int year, int sequence) {
		return "%s-%04d-%06d".formatted(kind.prefix(), year, sequence);
	}
}
