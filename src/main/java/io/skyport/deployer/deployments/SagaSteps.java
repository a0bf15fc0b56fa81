package io.skyport.deployer.deployments;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.skyport.accounts.SshKeyId;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.ProductId;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.ComputeProjects;
import io.skyport.compute.ComputeRefusedException;
import io.skyport.compute.ComputeUnavailableException;
import io.skyport.compute.ImageId;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceState;
import io.skyport.compute.NewInstance;
import io.skyport.compute.ProjectId;
import io.skyport.deployer.DeploymentState;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;

/**
 * The work of each step, through compute's public API. Every step is idempotent: compute finds what an earlier,
 * interrupted attempt made (names derive from the instance ID the deployment chose).
 */
@Component
class SagaSteps {

	private static final Logger log = LoggerFactory.getLogger(SagaSteps.class);

	private final ComputeInstances compute;
	private final ComputeProjects projects;
	private final Catalog catalog;
	private final AccessInstructions access;
	private final GuestSignals guests;
	private final DeployerSettings settings;
	private final Clock clock;

	SagaSteps(ComputeInstances compute, ComputeProjects projects, Catalog catalog, AccessInstructions access,
			GuestSignals guests, DeployerSettings settings, Clock clock) {
		this.compute = compute;
		this.projects = projects;
		this.catalog = catalog;
		this.access = access;
		this.guests = guests;
		this.settings = settings;
		this.clock = clock;
	}

	StepResult run(Deployment deployment) {
		try {
			return switch (deployment.state()) {
				case CHECKING_PREREQUISITES -> checkAndPlace(deployment);
				case CREATING_VM -> {
					compute.createMachine(deployment.instanceId());
					yield new StepResult.Done("Created the machine and its root disk.");
				}
				case CONFIGURING_ACCESS -> {
					compute.configureAccess(deployment.instanceId());
					yield new StepResult.Done("Wrote the server's cloud-init configuration.");
				}
				case ATTACHING_DATA_DISK -> {
					compute.attachDataDisk(deployment.instanceId());
					yield new StepResult.Done("Attached a " + deployment.spec().dataDiskGib() + " GiB data disk, to be "
							+ "mounted at " + deployment.spec().dataDiskMountPoint() + ".");
				}
				case STARTING, RESUMING -> {
					compute.start(deployment.instanceId());
					yield new StepResult.Done("Started the machine.");
				}
				case AWAITING_GUEST -> awaitGuest(deployment);
				case NOTIFYING -> access.send(deployment);
				case SUSPENDING -> {
					compute.stop(deployment.instanceId());
					yield new StepResult.Done("Stopped the machine; its disks are kept.");
				}
				case TEARDOWN_REQUESTED -> {
					stopIfRunning(deployment);
					yield new StepResult.Done("Stopped the machine until its deletion.");
				}
				case ROLLING_BACK, DESTROYING -> {
					compute.destroy(deployment.instanceId());
					yield new StepResult.Done("Removed the machine, its disks and its data-source token.");
				}
				case REQUESTED, READY, SUSPENDED, FAILED, DESTROYED ->
					throw new IllegalStateException("No work in state " + deployment.state());
			};
		}
		catch (ComputeUnavailableException ex) {
			return new StepResult.Transient("The host did not answer; trying again.", ex.getMessage(),
					ex.nodeUnavailable());
		}
		catch (ComputeRefusedException ex) {
			return new StepResult.Permanent(ex.getMessage(), ex.getMessage());
		}
		catch (ConflictException ex) {
			if (deployment.state() == DeploymentState.CHECKING_PREREQUISITES) {
				return new StepResult.Transient(ex.getMessage(), ex.getMessage(), false);
			}
			return new StepResult.Permanent(ex.getMessage(), ex.getMessage());
		}
		catch (InvalidInputException | NotFoundException ex) {
			return new StepResult.Permanent(ex.getMessage(), ex.getMessage());
		}
		catch (RuntimeException ex) {
			// A defect or an outage of our own (database, mail): recorded, and retried until the step's deadline.
			log.warn("Deployment {} hit an unexpected error at {}", deployment.id(), deployment.state(), ex);
			return new StepResult.Transient("Something went wrong on our side; trying again.", ex.toString(), false);
		}
	}

	/** After an attempt failed because the instance's node went away: compute places it elsewhere in its region. */
	StepResult relocate(Deployment deployment) {
		try {
			compute.relocate(deployment.instanceId());
			return new StepResult.Done("Moved to another node.");
		}
		catch (ComputeUnavailableException | ConflictException ex) {
			return new StepResult.Transient(ex.getMessage(), ex.getMessage(), true);
		}
		catch (ComputeRefusedException | NotFoundException | InvalidInputException ex) {
			return new StepResult.Permanent(ex.getMessage(), ex.getMessage());
		}
	}

	private StepResult checkAndPlace(Deployment deployment) {
		ServerSpec spec = deployment.spec();
		if (spec.projectId() != null
				&& !projects.belongsTo(new ProjectId(spec.projectId()), deployment.organisationId())) {
			return new StepResult.Permanent("The project chosen for this server does not exist (any more).",
					"Project " + spec.projectId() + " does not belong to organisation " + deployment.organisationId());
		}
		if (spec.sshKeyIds().isEmpty() && !productDeclaresLogin(deployment)) {
			return new StepResult.Permanent("No SSH key was chosen and the product has no login of its own, so nobody "
					+ "could log in: add an SSH key and order again.", "No SSH keys and no product login");
		}
		InstanceDetails instance = compute.create(deployment.instanceId(), newInstance(deployment, spec));
		return new StepResult.Done("Reserved room in region " + instance.region() + ".");
	}

	private NewInstance newInstance(Deployment deployment, ServerSpec spec) {
		String guestConfiguration = deployment.productId() == null || spec.isBareVm() ? null
				: catalog.guestConfiguration(new ProductId(deployment.productId())).orElse(null);
		return new NewInstance(deployment.organisationId(),
				spec.projectId() == null ? null : new ProjectId(spec.projectId()), spec.name(), spec.description(),
				spec.tags(), spec.region(), spec.vcpus(), spec.memoryMib(), spec.rootDiskGib(), spec.dataDiskGib(),
				spec.dataDiskMountPoint(), new ImageId(spec.imageId()), spec.sshKeyIds().stream().map(SshKeyId::new).toList(), guestConfiguration,
				null, deployment.id().id(),
				deployment.subscriptionId() == null ? null : deployment.subscriptionId().id());
	}

	private boolean productDeclaresLogin(Deployment deployment) {
		return deployment.productId() != null
				&& catalog.productLogin(new ProductId(deployment.productId())).declaresLogin();
	}

	private StepResult awaitGuest(Deployment deployment) {
		Instant deadline = deployment.stepStartedAt() == null ? clock.instant().plus(settings.guestDeadline())
				: deployment.stepStartedAt().plus(settings.guestDeadline());
		try (GuestSignals.Expectation phoneHome = guests.expect(deployment.instanceId())) {
			if (guestIsUp(deployment) || phoneHome.await(settings.guestWaitInProcess())) {
				return guestUp();
			}
		}
		Instant now = clock.instant();
		if (!now.isBefore(deadline)) {
			return new StepResult.Permanent("The server started but did not finish configuring itself within "
					+ inWords(settings.guestDeadline()) + ".",
					"No phone-home from the guest before " + deadline);
		}
		Instant next = now.plus(settings.guestPoll());
		return new StepResult.Waiting(next.isBefore(deadline) ? next : deadline);
	}

	/**
	 * The guest is up when its cloud-init phoned home (heard by the deployer or by compute): bare VMs too, since only
	 * then do the customer's SSH keys work.
	 */
	private boolean guestIsUp(Deployment deployment) {
		if (deployment.guestHasPhonedHome()) {
			return true;
		}
		return compute.find(deployment.instanceId()).map(instance -> instance.configuredAt() != null).orElse(false);
	}

	private static StepResult guestUp() {
		return new StepResult.Done("The guest configured itself and phoned home.");
	}

	private void stopIfRunning(Deployment deployment) {
		Optional<InstanceDetails> instance = compute.find(deployment.instanceId());
		if (instance.isPresent() && instance.get().state() == InstanceState.RUNNING) {
			compute.stop(deployment.instanceId());
		}
	}

	private static String inWords(java.time.Duration duration) {
		long minutes = duration.toMinutes();
		if (minutes >= 1 && duration.toSecondsPart() == 0) {
			return minutes == 1 ? "a minute" : minutes + " minutes";
		}
		long seconds = Math.max(1, duration.toSeconds());
		return seconds == 1 ? "a second" : seconds + " seconds";
	}
}
