package io.skyport.billing.subscriptions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface Subscriptions extends Repository<Subscription, UUID> {

	Subscription save(Subscription subscription);

	Subscription saveAndFlush(Subscription subscription);

	Optional<Subscription> findById(UUID id);

	Optional<Subscription> findByOrderId(UUID orderId);

	/** Waits for a concurrent change (the customer's, an operator's, or a job's) to finish first. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select s from Subscription s where s.id = :id")
	Optional<Subscription> findLockedById(UUID id);

	/** The row for this server's job, or empty if another server's job holds it right now. */
	@Query(value = "select * from subscriptions where id = :id for update skip locked", nativeQuery = true)
	Optional<Subscription> findUnlockedById(UUID id);

	boolean existsByOrganisationIdAndProductId(UUID organisationId, UUID productId);

	boolean existsByOrganisationId(UUID organisationId);

	@Query(value = "select id from subscriptions where state = 'TRIAL' and trial_ends_at <= :now "
			+ "order by trial_ends_at limit :limit", nativeQuery = true)
	List<UUID> findTrialsEndedBy(Instant now, int limit);

	@Query(value = "select id from subscriptions where cancel_at_period_end and state in ('ACTIVE', 'SUSPENDED') "
			+ "and ends_on <= :today order by ends_on limit :limit", nativeQuery = true)
	List<UUID> findCancellationsDueBy(LocalDate today, int limit);
}
