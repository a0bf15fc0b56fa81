package io.skyport.compute;

import java.util.List;
import java.util.Optional;

import io.skyport.accounts.OrganisationId;

/**
 * Instances for other modules: the API a saga (the deployer) drives. The caller chooses the {@link InstanceId}, and
 * machine and volume names on the host derive from it, so every step can be repeated after a crash and finds what
 * the first attempt made. The steps, in order: {@link #create}, {@link #createMachine}, {@link #configureAccess},
 * {@link #attachDataDisk}, {@link #start}; teardown is {@link #destroy}.
 * <p>
 * Host trouble reaches the caller only as {@link ComputeUnavailableException} (try again later, perhaps after
 * {@link #relocate}) or {@link ComputeRefusedException} (will never work). A step on an unknown ID throws
 * {@link io.skyport.platform.errors.NotFoundException}; a step on an instance being deleted throws
 * {@link ComputeRefusedException} (and removes anything it made on the host in the meantime). Host calls run on the
 * caller's thread, each within the adapter's timeouts: call the steps from a worker, not from an event listener.
 */
public interface ComputeInstances {

	/**
	 * Idempotent by id: a repeat with the same id returns the existing instance (whatever its state) without
	 * validating or placing again. Otherwise validates, reserves capacity on a node of the region and records it
	 * {@code PENDING}; nothing is written if any of it fails.
	 *
	 * @throws io.skyport.platform.errors.InvalidInputException unknown region/image/project/SSH key (field named),
	 *         bad name/size
	 * @throws io.skyport.platform.errors.ConflictException no node in the region has room (message names region and
	 *         resource), or name taken in the project
	 */
	InstanceDetails create(InstanceId id, NewInstance request);

	/**
	 * Saga step CREATING_VM: issues the data-source seed (hostname, SSH keys) if not yet issued and defines the
	 * machine with its root volume on its node, NOT started ({@code PENDING → CREATING}). Idempotent (finds what
	 * exists); on a running or stopped instance it changes nothing.
	 */
	InstanceDetails createMachine(InstanceId id);

	/**
	 * Saga step CONFIGURING_ACCESS: (re)writes the guest's NoCloud seed content with the product's guest
	 * configuration and data-disk mount, keeping the same token. Idempotent.
	 */
	void configureAccess(InstanceId id);

	/**
	 * Saga step ATTACHING_DATA_DISK: creates the data volume and attaches it to the (stopped) machine; no-op without a
	 * data disk. Idempotent.
	 */
	void attachDataDisk(InstanceId id);

	/** Starts the machine → {@code RUNNING}; a running one stays running. */
	InstanceDetails start(InstanceId id);

	/**
	 * Stops it (graceful, then forced after the grace period) → {@code STOPPED}; disks kept. A stopped one stays
	 * stopped.
	 */
	InstanceDetails stop(InstanceId id);

	/**
	 * Moves an instance that has no running machine yet and whose node is down or gone to another node of its region
	 * (releases and re-reserves capacity). Whatever the old node may still hold is left to the reconciler.
	 *
	 * @throws io.skyport.platform.errors.ConflictException no other node has room, or the instance is not one that
	 *         may move (it ran already, or its node is up)
	 */
	InstanceDetails relocate(InstanceId id);

	/**
	 * Destroys machine and volumes, revokes the data-source token, frees capacity → {@code DELETED}. Unknown or
	 * already deleted id: does nothing. Safe while another thread provisions it: a step that finishes after the
	 * destroy began removes what it made.
	 */
	void destroy(InstanceId id);

	Optional<InstanceDetails> find(InstanceId id);

	/** The live instances of an organisation, newest first. */
	List<InstanceDetails> ofOrganisation(OrganisationId organisationId);
}
