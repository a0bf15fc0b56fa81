package io.skyport.compute.instances;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.compute.InstanceId;
import io.skyport.platform.errors.NotFoundException;

/**
 * Short transactions on one instance at a time, between host calls (which never run inside a transaction). Every
 * change reads the instance with its row locked, so a change and a concurrent {@code destroy} are serialised: one of
 * them sees the other's state.
 */
@Component
class InstanceStore {

	private final Instances instances;
	private final Volumes volumes;
	private final TransactionTemplate transactions;
	private final Clock clock;

	InstanceStore(Instances instances, Volumes volumes, TransactionTemplate transactions, Clock clock) {
		this.instances = instances;
		this.volumes = volumes;
		this.transactions = transactions;
		this.clock = clock;
	}

	Instant now() {
		return clock.instant();
	}

	Optional<Instance> find(InstanceId id) {
		return instances.findById(id.id());
	}

	/** @throws NotFoundException for an unknown instance. */
	Instance load(InstanceId id) {
		return find(id).orElseThrow(() -> NotFoundException.of("instance", id.id()));
	}

	/** Applies the change to the freshly read, locked instance and saves it in one transaction. */
	Instance change(InstanceId id, Consumer<Instance> change) {
		return required(transactions.execute(status -> {
			Instance instance = locked(id.id());
			change.accept(instance);
			return instances.save(instance);
		}), id);
	}

	/**
	 * After a host call: applies the change unless the instance is being (or was) deleted meanwhile.
	 *
	 * @return the changed instance, or empty if it is deleting or deleted (nothing changed).
	 */
	Optional<Instance> changeUnlessDeleting(InstanceId id, Consumer<Instance> change) {
		return Optional.ofNullable(transactions.execute(status -> {
			Instance instance = locked(id.id());
			if (instance.deletingOrDeleted()) {
				return null;
			}
			change.accept(instance);
			return instances.save(instance);
		}));
	}

	/** Runs work in one transaction with the instance locked (for changes that touch other tables too). */
	Instance inTransaction(InstanceId id, Consumer<Instance> work) {
		return required(transactions.execute(status -> {
			Instance instance = locked(id.id());
			work.accept(instance);
			return instances.save(instance);
		}), id);
	}

	/** Records the instance's data volume as attached (once). */
	void recordDataVolume(Instance instance, String volumeName, int sizeGib) {
		transactions.executeWithoutResult(status -> {
			List<Volume> existing = volumes.findByInstanceIdOrderByCreatedAt(instance.id().id());
			Volume volume = existing.isEmpty() ? new Volume(instance, volumeName, sizeGib, clock.instant())
					: existing.getFirst();
			volume.markAttached(clock.instant());
			volumes.save(volume);
		});
	}

	/** Marks the instance's volumes deleted; for the transaction of {@link #inTransaction}. */
	void markVolumesDeleted(InstanceId id) {
		volumes.findByInstanceIdOrderByCreatedAt(id.id()).forEach(volume -> volume.markDeleted(clock.instant()));
	}

	private Instance locked(UUID id) {
		return instances.findForUpdate(id).orElseThrow(() -> NotFoundException.of("instance", id));
	}

	private static Instance required(Instance instance, InstanceId id) {
		if (instance == null) {
			throw new IllegalStateException("No instance " + id);
		}
		return instance;
	}
}
