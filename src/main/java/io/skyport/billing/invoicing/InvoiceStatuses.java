package io.skyport.billing.invoicing;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.billing.InvoiceId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.NotFoundException;

/**
 * Moves an issued document's status, the only thing about it that changes (for payments and refunds, elsewhere in
 * billing). Amounts are never touched.
 */
@Service
public class InvoiceStatuses {

	private final JdbcClient jdbc;

	InvoiceStatuses(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * {@code OPEN → PAID}: an invoice paid in full, or a credit note paid out.
	 *
	 * @throws NotFoundException if there is no such document.
	 * @throws ConflictException if it is not open (paid or credited already).
	 */
	@Transactional
	public void markPaid(InvoiceId id, Instant paidAt) {
		int changed = jdbc.sql("""
				update invoices set status = 'PAID', status_changed_at = :at where id = :id and status = 'OPEN'
				""")
			.param("at", paidAt.atOffset(ZoneOffset.UTC))
			.param("id", id.id())
			.update();
		if (changed == 0) {
			String status = jdbc.sql("select status from invoices where id = :id").param("id", id.id())
				.query(String.class).optional()
				.orElseThrow(() -> NotFoundException.of("invoice", id));
			throw new ConflictException("Invoice " + id + " is " + status.toLowerCase(java.util.Locale.ROOT)
					+ ", not open.");
		}
	}

	/** The status of a document. @throws NotFoundException if there is no such document. */
	@Transactional(readOnly = true)
	public InvoiceStatus status(InvoiceId id) {
		return jdbc.sql("select status from invoices where id = :id").param("id", id.id()).query(String.class)
			.optional().map(InvoiceStatus::valueOf).orElseThrow(() -> NotFoundException.of("invoice", id));
	}
}
