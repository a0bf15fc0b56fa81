package io.skyport.deployer.deployments;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.JpaRepository;

interface Deployments extends JpaRepository<Deployment, UUID> {

	Optional<Deployment> findBySubscriptionId(UUID subscriptionId);

	/**
	 * Records the guest's phone-home without taking part in the saga's optimistic locking (the driver writes only the
	 * columns it changed, see {@code @DynamicUpdate}), so a listener never fails against a step that commits.
	 */
	@org.springframework.data.jpa.repository.Modifying
	@Query("update Deployment d set d.guestPhonedHomeAt = :at where d.id = :id and d.guestPhonedHomeAt is null")
	int recordGuestPhonedHome(UUID id, java.time.Instant at);

	Optional<Deployment> findByInstanceId(UUID instanceId);

	List<Deployment> findByInstanceIdAndOrganisationId(UUID instanceId, UUID organisationId);

	Page<Deployment> findByOrganisationIdOrderByCreatedAtDesc(UUID organisationId, Pageable page);

	@Query("select d from Deployment d where d.vendorId = :organisationId or d.organisationId = :organisationId "
			+ "order by d.createdAt desc")
	Page<Deployment> findForVendorOrOwner(UUID organisationId, Pageable page);

	Page<Deployment> findAllByOrderByCreatedAtDesc(Pageable page);

	/** Deployments with a step to run or a request to act on (see {@link Deployment#needsDrive()}). */
	@Query("""
			select d.id from Deployment d
			where d.state not in (io.skyport.deployer.DeploymentState.READY, io.skyport.deployer.DeploymentState.SUSPENDED,
			                      io.skyport.deployer.DeploymentState.FAILED, io.skyport.deployer.DeploymentState.DESTROYED)
			   or (d.state = io.skyport.deployer.DeploymentState.READY
			       and (d.suspendRequested = true or d.teardownRequestedAt is not null))
			   or (d.state = io.skyport.deployer.DeploymentState.SUSPENDED
			       and (d.suspendRequested = false or d.teardownRequestedAt is not null))
			   or (d.state = io.skyport.deployer.DeploymentState.FAILED and d.teardownRequestedAt is not null)""")
	List<UUID> findNeedingDrive();

	/** Direct servers whose hours are not all with billing yet: ready once, and not destroyed before the last hour. */
	@Query("select d.id from Deployment d where d.subscriptionId is null and d.readyAt is not null "
			+ "and (d.destroyedAt is null or d.hoursRecordedUntil is null or d.hoursRecordedUntil < d.destroyedAt)")
	List<UUID> findDirectServersToBill();

	/** Moves the billing progress without touching the saga's version. */
	@org.springframework.data.jpa.repository.Modifying
	@Query("update Deployment d set d.hoursRecordedUntil = :until where d.id = :id")
	int recordHoursUntil(UUID id, java.time.Instant until);

	@Query("select d from Deployment d where d.state in :states order by d.createdAt desc")
	Page<Deployment> findInStates(List<io.skyport.deployer.DeploymentState> states, Pageable page);
}
