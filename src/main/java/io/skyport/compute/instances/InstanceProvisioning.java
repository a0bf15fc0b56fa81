package io.skyport.compute.instances;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import io.skyport.compute.ComputeRefusedException;
import io.skyport.compute.ComputeUnavailableException;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceId;
import io.skyport.compute.InstanceState;
import io.skyport.compute.NodeId;
import io.skyport.compute.images.NodeImages;
import io.skyport.compute.nocloud.IssuedSeed;
import io.skyport.compute.placement.PlacementDecision;
import io.skyport.compute.placement.PlacementRequest;
import io.skyport.compute.placement.Placements;
import io.skyport.compute.provider.MachineSpec;
import io.skyport.compute.provider.VolumeSpec;
import io.skyport.platform.errors.ConflictException;

/**
 * The saga's steps on an instance's host: define the machine, configure access, attach the data disk, start, stop,
 * move to another node, destroy. Each step is idempotent. Host calls run outside transactions; after one, the step
 * records its outcome only if the instance is not being deleted meanwhile, and otherwise removes what it made, so a
 * {@code destroy} racing a step never leaves a machine behind.
 */
@Service
class InstanceProvisioning {

	private static final Logger log = LoggerFactory.getLogger(InstanceProvisioning.class);

	private final InstanceStore store;
	private final InstanceViews views;
	private final InstanceHosts hosts;
	private final InstanceSeeds seeds;
	private final NodeImages images;
	private final Placements placements;
	private final Duration stopGracePeriod;

	InstanceProvisioning(InstanceStore store, InstanceViews views, InstanceHosts hosts, InstanceSeeds seeds,
			NodeImages images, Placements placements,
			@Value("${skyport.compute.stop-grace-period:30s}") Duration stopGracePeriod) {
		this.store = store;
		this.views = views;
		this.hosts = hosts;
		this.seeds = seeds;
		this.images = images;
		this.placements = placements;
		this.stopGracePeriod = stopGracePeriod;
	}

	InstanceDetails createMachine(InstanceId id) {
		Instance current = store.load(id);
		if (current.state() == InstanceState.RUNNING || current.state() == InstanceState.STOPPED) {
			return views.details(current);
		}
		refuseIfDeleting(current);
		Instance instance = store.change(id, i -> {
			refuseIfDeleting(i);
			i.beginCreating(store.now());
		});
		try {
			if (!machineExists(instance)) {
				define(instance);
			}
		}
		catch (ComputeRefusedException ex) {
			failUnlessDeleting(id, ex);
			throw ex;
		}
		return views.details(afterHostCall(id, i -> {
		}));
	}

	void configureAccess(InstanceId id) {
		Instance instance = store.load(id);
		refuseIfDeleting(instance);
		try {
			seeds.configure(instance);
		}
		catch (ComputeRefusedException ex) {
			failUnlessDeleting(id, ex);
			throw ex;
		}
		afterHostCall(id, i -> {
		});
	}

	void attachDataDisk(InstanceId id) {
		Instance instance = store.load(id);
		refuseIfDeleting(instance);
		Integer size = instance.dataDiskGib();
		if (size == null) {
			return;
		}
		String volume = Volume.dataVolumeName(instance.machineName());
		try {
			redefineIfLostBeforeFirstRun(instance);
			attachDataVolume(instance, volume, size);
		}
		catch (ComputeRefusedException ex) {
			failUnlessDeleting(id, ex);
			throw ex;
		}
		store.recordDataVolume(afterHostCall(id, i -> {
		}), volume, size);
	}

	InstanceDetails start(InstanceId id) {
		Instance instance = store.load(id);
		refuseIfDeleting(instance);
		if (instance.state() == InstanceState.PENDING) {
			throw new ComputeRefusedException("The instance " + instance.name() + " has no machine yet: create it first.");
		}
		redefineIfLostBeforeFirstRun(instance);
		List<String> addresses = hosts.call(instance, "start the machine", (p, target) -> {
			p.startMachine(target, instance.machineName());
			return Instance.recordable(p.machineAddresses(target, instance.machineName()));
		});
		return views.details(afterHostCall(id, i -> i.markRunning(addresses, store.now())));
	}

	/**
	 * Before its first run a machine holds nothing a customer made: one that is missing on its node (the host lost
	 * it, or the instance moved to another node after its machine was defined) is defined again with everything the
	 * earlier steps gave it — a fresh seed with the whole configuration and the data disk.
	 */
	private void redefineIfLostBeforeFirstRun(Instance instance) {
		if (instance.state() != InstanceState.CREATING || machineExists(instance)) {
			return;
		}
		log.info("The machine of instance {} is missing on its node before its first run; defining it again",
				instance.id());
		define(instance);
		seeds.configure(instance);
		Integer size = instance.dataDiskGib();
		if (size != null) {
			attachDataVolume(instance, Volume.dataVolumeName(instance.machineName()), size);
		}
	}

	/** Creates the data volume (or finds it) and attaches it to the machine persistently, before its first boot. */
	private void attachDataVolume(Instance instance, String volume, int sizeGib) {
		hosts.run(instance, "attach the data disk", (p, target) -> {
			p.createVolume(target, new VolumeSpec(volume, sizeGib));
			p.attachVolume(target, instance.machineName(), volume);
		});
	}

	private boolean machineExists(Instance instance) {
		return hosts.call(instance, "look for the machine", (p, target) -> p.listMachines(target)
			.stream()
			.anyMatch(m -> m.name().equals(instance.machineName())));
	}

	/** Issues the instance's seed (hostname and keys) and defines its machine with its root volume, not started. */
	private void define(Instance instance) {
		NodeId nodeId = instance.nodeId();
		if (nodeId == null) {
			throw new ComputeRefusedException("The instance " + instance.name() + " has not been placed on a node.");
		}
		NodeImages.BootMedia media = images.bootMedia(instance.imageId(), nodeId);
		IssuedSeed seed = seeds.issue(instance);
		MachineSpec spec = new MachineSpec(instance.machineName(), instance.id().id(), instance.vcpus(),
				instance.memoryMib(), media.disk(), instance.rootDiskGib(), seed.smbiosSerial(), media.kernelBoot(), media.diskFormat());
		hosts.call(instance, "define the machine", (p, target) -> p.createMachine(target, spec));
	}

	InstanceDetails stop(InstanceId id) {
		Instance instance = store.load(id);
		refuseIfDeleting(instance);
		if (instance.state() == InstanceState.STOPPED) {
			return views.details(instance);
		}
		if (instance.state() == InstanceState.PENDING) {
			throw new ComputeRefusedException("The instance " + instance.name() + " has no machine to stop.");
		}
		hosts.run(instance, "stop the machine", (p, target) -> p.stopMachine(target, instance.machineName(),
				stopGracePeriod));
		return views.details(afterHostCall(id, i -> i.markStopped(store.now())));
	}

	InstanceDetails relocate(InstanceId id) {
		Instance instance = store.inTransaction(id, i -> {
			if (hosts.nodeAvailable(i)) {
				throw new ConflictException("The node of instance " + i.name() + " is up: it stays there.");
			}
			if (!i.movable()) {
				throw new ConflictException("The instance " + i.name() + " is " + i.state().name().toLowerCase()
						+ ": only an instance that has not run yet can move to another node.");
			}
			placements.release(i.id());
			int dataDisk = i.dataDiskGib() == null ? 0 : i.dataDiskGib();
			PlacementDecision placed = placements.reserve(new PlacementRequest(i.id(), i.region(), i.vcpus(),
					i.memoryMib(), (long) i.rootDiskGib() + dataDisk, i.antiAffinityGroup()));
			log.info("Instance {} moves from node {} to node {}", i.id(), i.nodeId(), placed.nodeName());
			i.relocateTo(placed.nodeId(), store.now());
		});
		return views.details(instance);
	}

	void destroy(InstanceId id) {
		Optional<Instance> found = store.find(id);
		if (found.isEmpty() || found.get().state() == InstanceState.DELETED) {
			return;
		}
		Instance deleting = store.change(id, i -> {
			if (i.state() != InstanceState.DELETED) {
				i.beginDeleting(store.now());
			}
		});
		if (deleting.state() == InstanceState.DELETED) {
			return;
		}
		hosts.removeMachine(deleting);
		seeds.revoke(deleting);
		store.inTransaction(id, i -> {
			placements.release(id);
			store.markVolumesDeleted(id);
			if (i.state() != InstanceState.DELETED) {
				i.markDeleted(store.now());
			}
		});
	}

	/**
	 * Records the step's outcome; if the instance is being deleted meanwhile, removes what the step made on the host
	 * (and any seed it issued) and refuses.
	 */
	private Instance afterHostCall(InstanceId id, Consumer<Instance> change) {
		Optional<Instance> changed = store.changeUnlessDeleting(id, change);
		if (changed.isPresent()) {
			return changed.get();
		}
		Instance deleted = store.load(id);
		log.info("Instance {} was deleted while a step ran on its host; removing what the step made", id);
		hosts.removeMachine(deleted);
		seeds.revoke(deleted);
		throw deleted(deleted);
	}

	private void failUnlessDeleting(InstanceId id, ComputeRefusedException ex) {
		log.warn("A step on instance {} was refused: {}", id, ex.getMessage());
		store.changeUnlessDeleting(id, i -> i.fail(ex.getMessage(), store.now()));
	}

	private static void refuseIfDeleting(Instance instance) {
		if (instance.deletingOrDeleted()) {
			throw deleted(instance);
		}
	}

	private static ComputeRefusedException deleted(Instance instance) {
		return new ComputeRefusedException("The instance " + instance.name() + " is "
				+ instance.state().name().toLowerCase() + ".");
	}
}
