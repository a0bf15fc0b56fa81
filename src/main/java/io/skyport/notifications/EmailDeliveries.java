package io.skyport.notifications;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import jakarta.persistence.LockModeType;

interface EmailDeliveries extends Repository<EmailDelivery, UUID> {

	@Query("select count(d) > 0 from EmailDelivery d where d.idempotencyKey = ?1 and d.status in ('SENT', 'OUTBOX')")
	boolean isDelivered(String idempotencyKey);

	/** Creates the PENDING record of a key unless it exists; waits for a concurrent claim of the same key to end. */
	@Modifying
	@Query(value = """
			insert into email_deliveries (id, idempotency_key, recipient, subject, template, status, attempts, created_at)
			values (?1, ?2, ?3, ?4, ?5, 'PENDING', 0, ?6)
			on conflict (idempotency_key) do nothing""", nativeQuery = true)
	int claim(UUID id, String idempotencyKey, String recipient, String subject, String template, Instant now);

	/** The record of a key, locked until the transaction ends: one sender per key at a time. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<EmailDelivery> findByIdempotencyKey(String idempotencyKey);

	Optional<EmailDelivery> findById(UUID id);

	@Query("select count(d) from EmailDelivery d where d.status = 'FAILED' and d.lastAttemptAt >= ?1 "
			+ "and d.lastAttemptAt < ?2")
	long countFailedBetween(Instant from, Instant to);
}
