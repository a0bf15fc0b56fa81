package io.skyport.compute.instances;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.AuthorizedKey;
import io.skyport.accounts.CurrentUser;
import io.skyport.compute.ComputeImages;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceId;
import io.skyport.compute.InstanceState;
import io.skyport.compute.NodeId;
import io.skyport.compute.nocloud.IssuedSeed;
import io.skyport.compute.nocloud.NoCloudSeeds;
import io.skyport.compute.nocloud.SeedRequest;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.compute.placement.Placements;
import io.skyport.compute.provider.ComputeProvider;
import io.skyport.compute.provider.MachineInfo;
import io.skyport.compute.provider.MachineNotFoundException;
import io.skyport.compute.provider.MachineSpec;
import io.skyport.compute.provider.ProviderException;
import io.skyport.compute.provider.ProviderFailureException;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.compute.provider.ProviderUnavailableException;
import io.skyport.platform.errors.BusyException;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.NotFoundException;

/**
 * What happens to instances on their hosts. Provider calls run outside database transactions (a slow host never
 * holds a connection or a row lock); each state change is its own short transaction on a freshly read instance.
 */
@Service
class InstanceOperations {

	private static final Logger log = LoggerFactory.getLogger(InstanceOperations.class);
	static final int CONSOLE_BYTES = 64 * 1024;

	private final Instances instances;
	private final Volumes volumes;
	private final InstanceRegistry registry;
	private final InstanceViews views;
	private final NodeDirectory nodes;
	private final Placements placements;
	private final NoCloudSeeds seeds;
	private final ComputeProvider provider;
	private final ComputeImages images;
	private final Accounts accounts;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private final Duration stopGracePeriod;

	InstanceOperations(Instances instances, Volumes volumes, InstanceRegistry registry, InstanceViews views,
			NodeDirectory nodes, Placements placements, NoCloudSeeds seeds, ComputeProvider provider,
			ComputeImages images, Accounts accounts, TransactionTemplate transactions, Clock clock,
			@Value("${skyport.compute.stop-grace-period:30s}") Duration stopGracePeriod) {
		this.instances = instances;
		this.volumes = volumes;
		this.registry = registry;
		this.views = views;
		this.nodes = nodes;
		this.placements = placements;
		this.seeds = seeds;
		this.provider = provider;
		this.images = images;
		this.accounts = accounts;
		this.transactions = transactions;
		this.clock = clock;
		this.stopGracePeriod = stopGracePeriod;
	}

	InstanceDetails provision(InstanceId id) {
		Instance instance = load(id.id());
		if (instance.state() == InstanceState.RUNNING || instance.state() == InstanceState.STOPPED) {
			return views.details(instance);
		}
		instance = change(id.id(), i -> i.beginCreating(clock.instant()));
		ProviderTarget target = target(instance);
		try {
			Optional<MachineInfo> existing = provider.listMachines(target)
				.stream()
				.filter(machine -> machine.name().equals(Instance.machineName(id)))
				.findFirst();
			MachineInfo machine = existing.isPresent() ? existing.get() : createMachine(instance, target);
			if (machine.state() != MachineInfo.MachineState.RUNNING) {
				provider.startMachine(target, machine.name());
			}
			recordDataVolume(instance);
			List<String> addresses = machine.addresses();
			return views.details(change(id.id(), i -> i.markRunning(addresses, clock.instant())));
		}
		catch (ProviderException ex) {
			log.warn("Provisioning instance {} on {} failed: {}", id, target.name(), ex.getMessage());
			change(id.id(), i -> i.fail("Could not create the machine on its host: " + ex.getMessage(), clock.instant()));
			throw ex;
		}
	}

	void destroy(InstanceId id) {
		Instance instance = load(id.id());
		if (instance.state() == InstanceState.DELETED) {
			return;
		}
		Instance deleting = change(id.id(), i -> i.beginDeleting(clock.instant()));
		NodeId nodeId = deleting.nodeId();
		if (nodeId != null) {
			ProviderTarget target = nodes.target(nodeId);
			ignoreMissing(() -> provider.destroyMachine(target, deleting.machineName()));
			if (deleting.dataDiskGib() != null) {
				String volume = Volume.dataVolumeName(deleting.machineName());
				ignoreMissing(() -> provider.deleteVolume(target, volume));
			}
		}
		seeds.revoke(id);
		transactions.executeWithoutResult(status -> {
			placements.release(id);
			volumes.findByInstanceIdOrderByCreatedAt(id.id()).forEach(volume -> volume.markDeleted(clock.instant()));
			Instance current = load(id.id());
			current.markDeleted(clock.instant());
			instances.save(current);
		});
	}

	/** Start, stop or reboot, for the owner or an operator. */
	InstanceDetails act(CurrentUser viewer, UUID id, Instance.Action action) {
		Instance instance = registry.visible(viewer, id);
		instance.requireAllowed(action);
		ProviderTarget target = target(instance);
		String machine = instance.machineName();
		callHost(instance, () -> {
			switch (action) {
				case START -> provider.startMachine(target, machine);
				case STOP -> provider.stopMachine(target, machine, stopGracePeriod);
				case REBOOT -> provider.rebootMachine(target, machine);
			}
		});
		Instance changed = switch (action) {
			case START -> change(id, i -> i.markRunning(i.addresses(), clock.instant()));
			case STOP -> change(id, i -> i.markStopped(clock.instant()));
			case REBOOT -> load(id);
		};
		return views.details(changed);
	}

	/** The tail of the serial console, for the owner or an operator. */
	String console(CurrentUser viewer, UUID id) {
		Instance instance = registry.visible(viewer, id);
		if (instance.nodeId() == null || instance.state() == InstanceState.DELETED) {
			return "";
		}
		ProviderTarget target = target(instance);
		String[] output = { "" };
		callHost(instance, () -> output[0] = provider.consoleOutput(target, instance.machineName(), CONSOLE_BYTES));
		return output[0];
	}

	/** The host's definition of the machine (libvirt domain XML), for operators. */
	String definition(CurrentUser viewer, UUID id) {
		Instance instance = registry.visible(viewer, id);
		if (instance.nodeId() == null || instance.state() == InstanceState.DELETED) {
			throw new NotFoundException("The instance " + instance.name() + " has no machine on a host.");
		}
		ProviderTarget target = target(instance);
		String[] xml = { "" };
		callHost(instance, () -> xml[0] = provider.machineDefinition(target, instance.machineName()));
		return xml[0];
	}

	private MachineInfo createMachine(Instance instance, ProviderTarget target) {
		NodeId nodeId = nodeOf(instance);
		List<String> keys = accounts.authorizedKeys(instance.organisationId(), instance.sshKeyIds())
			.stream()
			.map(AuthorizedKey::publicKey)
			.toList();
		IssuedSeed seed = seeds.issue(new SeedRequest(instance.id(), instance.organisationId(), instance.name(), keys,
				instance.dataDiskGib(), instance.guestConfiguration(), nodes.datasourceBaseUrl(nodeId)));
		String imageSource = images.source(instance.imageId())
			.orElseThrow(() -> new ProviderFailureException("The image " + instance.imageId() + " is not registered."));
		return provider.createMachine(target,
				new MachineSpec(instance.machineName(), instance.id().id(), instance.vcpus(), instance.memoryMib(),
						imageSource, instance.rootDiskGib(), instance.dataDiskGib(), seed.smbiosSerial()));
	}

	private void recordDataVolume(Instance instance) {
		Integer size = instance.dataDiskGib();
		if (size == null) {
			return;
		}
		transactions.executeWithoutResult(status -> {
			List<Volume> existing = volumes.findByInstanceIdOrderByCreatedAt(instance.id().id());
			Volume volume = existing.isEmpty()
					? new Volume(instance, Volume.dataVolumeName(instance.machineName()), size, clock.instant())
					: existing.getFirst();
			volume.markAttached(clock.instant());
			volumes.save(volume);
		});
	}

	/** Runs a host call for an owner's request, turning host trouble into answers a person understands. */
	private void callHost(Instance instance, Runnable call) {
		try {
			call.run();
		}
		catch (ProviderUnavailableException ex) {
			throw new BusyException("The host of " + instance.name() + " does not answer right now; try again shortly.",
					Duration.ofSeconds(30));
		}
		catch (MachineNotFoundException ex) {
			log.warn("The machine {} of instance {} is missing on its host", instance.machineName(), instance.id());
			throw new ConflictException("The machine of " + instance.name() + " is missing on its host; ask an "
					+ "operator to look at it.");
		}
		catch (ProviderFailureException ex) {
			throw new ConflictException("The host refused: " + ex.getMessage());
		}
	}

	private static void ignoreMissing(Runnable call) {
		try {
			call.run();
		}
		catch (MachineNotFoundException ex) {
			// already gone: destroy is idempotent
		}
	}

	private ProviderTarget target(Instance instance) {
		return nodes.target(nodeOf(instance));
	}

	private static NodeId nodeOf(Instance instance) {
		NodeId nodeId = instance.nodeId();
		if (nodeId == null) {
			throw new ConflictException("The instance " + instance.name() + " has not been placed on a node.");
		}
		return nodeId;
	}

	private Instance load(UUID id) {
		return instances.findById(id).orElseThrow(() -> NotFoundException.of("instance", id));
	}

	private Instance change(UUID id, Consumer<Instance> change) {
		Instance changed = transactions.execute(status -> {
			Instance instance = load(id);
			change.accept(instance);
			return instances.save(instance);
		});
		if (changed == null) {
			throw new IllegalStateException("No instance " + id);
		}
		return changed;
	}
}
