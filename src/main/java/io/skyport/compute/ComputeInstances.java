package io.skyport.compute;

import java.util.Optional;

import io.skyport.accounts.OrganisationId;

/**
 * Instances for other modules (the deployer). Every step is idempotent, so a saga can repeat a step after a crash:
 * {@link #create} places and records the instance; {@link #provision} makes it exist and run on its node;
 * {@link #destroy} tears it down and frees its capacity.
 */
public interface ComputeInstances {

	/**
	 * Validates the request, reserves capacity on a node and records the instance as {@code PENDING}. Nothing is
	 * written if any of it fails.
	 *
	 * @throws io.skyport.platform.errors.ConflictException if no node in the region has room ("No node in region
	 *         local has 64 GiB RAM free.").
	 * @throws io.skyport.platform.errors.InvalidInputException for an unknown region, image, project or SSH key, or
	 *         a name that is not a valid host name.
	 */
	InstanceId create(NewInstance request);

	/**
	 * Creates the machine and its volumes on the node and starts it ({@code CREATING → RUNNING}). Repeating it finds
	 * what exists. A provider failure leaves the instance in {@code ERROR} with the reason, and is rethrown so the
	 * caller can retry ({@link io.skyport.compute.provider.ProviderUnavailableException} is transient).
	 */
	InstanceDetails provision(InstanceId id);

	/**
	 * Destroys the machine and its volumes, revokes its data-source token and frees its capacity
	 * ({@code DELETING → DELETED}). Destroying a deleted instance does nothing.
	 */
	void destroy(InstanceId id);

	Optional<InstanceDetails> find(InstanceId id);

	/** The instances of an organisation, newest first. */
	java.util.List<InstanceDetails> ofOrganisation(OrganisationId organisationId);
}
