package io.skyport.compute.instances;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

import io.skyport.compute.InstanceId;
import io.skyport.compute.NodeId;
import io.skyport.platform.errors.ConflictException;

/** A block-storage volume on a node: so far, an instance's data disk. */
@Entity
@Table(name = "compute_volumes")
class Volume {

	enum State {
		CREATING, AVAILABLE, ATTACHED, DELETING, DELETED, ERROR
	}

	@Id
	private UUID id;

	private @Nullable UUID instanceId;

	private UUID organisationId;

	private @Nullable UUID nodeId;

	private String name;

	private int sizeGib;

	@Enumerated(EnumType.STRING)
	private State state;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	Volume(Instance instance, String name, int sizeGib, Instant now) {
		this.id = UUID.randomUUID();
		this.instanceId = instance.id().id();
		this.organisationId = instance.organisationId().id();
		NodeId node = instance.nodeId();
		this.nodeId = node == null ? null : node.id();
		this.name = name;
		this.sizeGib = sizeGib;
		this.state = State.CREATING;
		this.createdAt = now;
		this.updatedAt = now;
	}

	@SuppressWarnings("NullAway.Init")
	protected Volume() {
	}

	/** The data volume's name on the host, derived from the machine's name. */
	static String dataVolumeName(String machineName) {
		return machineName + "-data";
	}

	void markAttached(Instant now) {
		moveTo(State.ATTACHED, Set.of(State.CREATING, State.AVAILABLE, State.ATTACHED, State.ERROR), now);
	}

	void markDeleted(Instant now) {
		moveTo(State.DELETED, Set.of(State.values()), now);
	}

	private void moveTo(State target, Set<State> allowedFrom, Instant now) {
		if (!allowedFrom.contains(state)) {
			throw new ConflictException("The volume " + name + " is " + state.name().toLowerCase() + " and cannot become "
					+ target.name().toLowerCase() + ".");
		}
		state = target;
		updatedAt = now;
	}

	@Nullable InstanceId instanceId() {
		return instanceId == null ? null : new InstanceId(instanceId);
	}

	String name() {
		return name;
	}

	int sizeGib() {
		return sizeGib;
	}

	State state() {
		return state;
	}
}
