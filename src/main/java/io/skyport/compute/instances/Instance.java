package io.skyport.compute.instances;

import static io.skyport.compute.InstanceState.CREATING;
import static io.skyport.compute.InstanceState.DELETED;
import static io.skyport.compute.InstanceState.DELETING;
import static io.skyport.compute.InstanceState.ERROR;
import static io.skyport.compute.InstanceState.PENDING;
import static io.skyport.compute.InstanceState.RUNNING;
import static io.skyport.compute.InstanceState.STOPPED;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

import io.skyport.accounts.OrganisationId;
import io.skyport.accounts.SshKeyId;
import io.skyport.compute.DataDiskMountPoints;
import io.skyport.compute.ImageId;
import io.skyport.compute.InstanceId;
import io.skyport.compute.InstanceState;
import io.skyport.compute.InstanceStateChanged;
import io.skyport.compute.NewInstance;
import io.skyport.compute.NodeId;
import io.skyport.compute.ProjectId;
import io.skyport.platform.errors.ConflictException;

/**
 * A virtual machine of a customer organisation. Its state changes only through the methods below, each of which
 * checks that the change is allowed from the current state and records an {@link InstanceStateChanged}.
 */
@Entity
@Table(name = "compute_instances")
class Instance extends AbstractAggregateRoot<Instance> {

	static final int MAX_ADDRESSES = 32;
	static final int MAX_ADDRESS_LENGTH = 64;

	/** What an owner may ask of a running or stopped instance. */
	enum Action {
		START, STOP, REBOOT
	}

	@Id
	private UUID id;

	private UUID organisationId;

	private UUID projectId;

	private String name;

	private @Nullable String description;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "text[]")
	private List<String> tags = new ArrayList<>();

	private String region;

	private int vcpus;

	private long memoryMib;

	private int rootDiskGib;

	private @Nullable Integer dataDiskGib;

	private @Nullable String dataDiskMountPoint;

	private UUID imageId;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "uuid[]")
	private List<UUID> sshKeyIds = new ArrayList<>();

	private @Nullable String guestConfiguration;

	private @Nullable String antiAffinityGroup;

	@Enumerated(EnumType.STRING)
	private InstanceState state;

	private @Nullable String stateReason;

	private @Nullable UUID nodeId;

	private String machineName;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "text[]")
	private List<String> addresses = new ArrayList<>();

	private @Nullable Instant configuredAt;

	private @Nullable UUID deploymentId;

	private @Nullable UUID subscriptionId;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	Instance(InstanceId id, ProjectId projectId, NewInstance request, NodeId nodeId, Instant now) {
		this.id = id.id();
		this.organisationId = request.ownerId().id();
		this.projectId = projectId.id();
		this.name = request.name();
		this.description = request.description();
		this.tags = new ArrayList<>(request.tags());
		this.region = request.region();
		this.vcpus = request.vcpus();
		this.memoryMib = request.memoryMib();
		this.rootDiskGib = request.rootDiskGib();
		this.dataDiskGib = request.dataDiskGib();
		this.dataDiskMountPoint = request.dataDiskGib() == null ? null
				: DataDiskMountPoints.normalise("dataDiskMountPoint", request.dataDiskMountPoint(), new ArrayList<>());
		this.imageId = request.imageId().id();
		this.sshKeyIds = new ArrayList<>(request.sshKeyIds().stream().map(SshKeyId::id).toList());
		this.guestConfiguration = request.guestConfiguration();
		this.antiAffinityGroup = request.antiAffinityGroup();
		this.state = PENDING;
		this.nodeId = nodeId.id();
		this.machineName = machineName(id);
		this.deploymentId = request.deploymentId();
		this.subscriptionId = request.subscriptionId();
		this.createdAt = now;
		this.updatedAt = now;
	}

	@SuppressWarnings("NullAway.Init")
	protected Instance() {
	}

	/** The machine's name on its host: derived from the ID, so a repeated create finds the first attempt's machine. */
	static String machineName(InstanceId id) {
		return "skyport-" + id.id();
	}

	void beginCreating(Instant now) {
		moveTo(CREATING, Set.of(PENDING, ERROR, CREATING), null, now);
	}

	/**
	 * The machine started. {@code addresses} are what its host reported at the start; none (no lease yet, or
	 * networking the host hands out no addresses for) keeps the ones known, e.g. from the guest's phone-home.
	 */
	void markRunning(List<String> addresses, Instant now) {
		moveTo(RUNNING, Set.of(CREATING, STOPPED, RUNNING), null, now);
		recordAddresses(addresses, now);
	}

	/** What a host reported, reduced to what {@link #recordAddresses} accepts: no blank or overlong ones, at most 32. */
	static List<String> recordable(List<String> reported) {
		return reported.stream()
			.filter(address -> !address.isBlank() && address.length() <= MAX_ADDRESS_LENGTH)
			.distinct()
			.limit(MAX_ADDRESSES)
			.toList();
	}

	/**
	 * Records the guest's addresses as reported later than its start (by its host's leases when it phoned home, or
	 * the address it phoned home from). None keeps the ones known.
	 *
	 * @return whether the addresses changed.
	 * @throws ConflictException when the instance is being deleted or deleted: it has no addresses any more.
	 * @throws IllegalArgumentException for more than {@value #MAX_ADDRESSES} addresses, or one that is blank or longer
	 * than {@value #MAX_ADDRESS_LENGTH} characters.
	 */
	boolean recordAddresses(List<String> reported, Instant now) {
		if (deletingOrDeleted()) {
			throw new ConflictException("The instance " + name + " is " + state.name().toLowerCase()
					+ ": it has no addresses any more.");
		}
		if (reported.size() > MAX_ADDRESSES || reported.stream()
			.anyMatch(address -> address.isBlank() || address.length() > MAX_ADDRESS_LENGTH)) {
			throw new IllegalArgumentException("Not a list of addresses: " + reported);
		}
		if (reported.isEmpty() || reported.equals(addresses)) {
			return false;
		}
		this.addresses = new ArrayList<>(reported);
		this.updatedAt = now;
		return true;
	}

	void markStopped(Instant now) {
		moveTo(STOPPED, Set.of(CREATING, RUNNING, STOPPED), null, now);
	}

	/** Whether the instance may move to another node: it has not run (its machine, if any, never booted). */
	boolean movable() {
		return state == PENDING || state == CREATING || state == ERROR;
	}

	/** Placed again on another node; the next {@code createMachine} makes its machine there. */
	void relocateTo(NodeId node, Instant now) {
		if (!movable()) {
			throw new ConflictException("The instance " + name + " is " + state.name().toLowerCase()
					+ ": only an instance that has not run yet can move to another node.");
		}
		this.nodeId = node.id();
		moveTo(PENDING, Set.of(PENDING, CREATING, ERROR), null, now);
	}

	boolean deletingOrDeleted() {
		return state == DELETING || state == DELETED;
	}

	void fail(String reason, Instant now) {
		reason = reason.length() > 1000 ? reason.substring(0, 999) + "…" : reason;
		moveTo(ERROR, Set.of(PENDING, CREATING, RUNNING, STOPPED, ERROR), reason, now);
	}

	void beginDeleting(Instant now) {
		moveTo(DELETING, Set.of(PENDING, CREATING, RUNNING, STOPPED, ERROR, DELETING), null, now);
	}

	void markDeleted(Instant now) {
		addresses = new ArrayList<>();
		moveTo(DELETED, Set.of(DELETING), null, now);
	}

	void markConfigured(Instant now) {
		if (configuredAt == null) {
			configuredAt = now;
			updatedAt = now;
		}
	}

	/** A note on the instance that does not change its state, e.g. that its node is down. */
	void note(@Nullable String reason, Instant now) {
		this.stateReason = reason;
		this.updatedAt = now;
	}

	/** @throws ConflictException when the action makes no sense in the current state. */
	void requireAllowed(Action action) {
		InstanceState needed = action == Action.START ? STOPPED : RUNNING;
		if (state == needed) {
			return;
		}
		if (action == Action.START && state == RUNNING) {
			throw new ConflictException("The instance " + name + " is already running.");
		}
		if (action == Action.STOP && state == STOPPED) {
			throw new ConflictException("The instance " + name + " is already stopped.");
		}
		String done = switch (action) {
			case START -> "started";
			case STOP -> "stopped";
			case REBOOT -> "rebooted";
		};
		throw new ConflictException("The instance " + name + " is " + state.name().toLowerCase() + ": it can be " + done
				+ " only when it is " + needed.name().toLowerCase() + ".");
	}

	private void moveTo(InstanceState target, Set<InstanceState> allowedFrom, @Nullable String reason, Instant now) {
		if (!allowedFrom.contains(state)) {
			throw new ConflictException("The instance " + name + " is " + state.name().toLowerCase() + " and cannot become "
					+ target.name().toLowerCase() + ".");
		}
		InstanceState from = state;
		state = target;
		stateReason = reason;
		updatedAt = now;
		if (from != target) {
			registerEvent(new InstanceStateChanged(id(), organisationId(), from, target));
		}
	}

	InstanceId id() {
		return new InstanceId(id);
	}

	OrganisationId organisationId() {
		return new OrganisationId(organisationId);
	}

	ProjectId projectId() {
		return new ProjectId(projectId);
	}

	String name() {
		return name;
	}

	@Nullable String description() {
		return description;
	}

	List<String> tags() {
		return List.copyOf(tags);
	}

	String region() {
		return region;
	}

	int vcpus() {
		return vcpus;
	}

	long memoryMib() {
		return memoryMib;
	}

	int rootDiskGib() {
		return rootDiskGib;
	}

	@Nullable Integer dataDiskGib() {
		return dataDiskGib;
	}

	/** Where the guest mounts the data disk; {@literal null} without one. */
	@Nullable String dataDiskMountPoint() {
		return dataDiskMountPoint;
	}

	ImageId imageId() {
		return new ImageId(imageId);
	}

	List<SshKeyId> sshKeyIds() {
		return sshKeyIds.stream().map(SshKeyId::new).toList();
	}

	@Nullable String antiAffinityGroup() {
		return antiAffinityGroup;
	}

	@Nullable String guestConfiguration() {
		return guestConfiguration;
	}

	InstanceState state() {
		return state;
	}

	@Nullable String stateReason() {
		return stateReason;
	}

	@Nullable NodeId nodeId() {
		return nodeId == null ? null : new NodeId(nodeId);
	}

	String machineName() {
		return machineName;
	}

	List<String> addresses() {
		return List.copyOf(addresses);
	}

	@Nullable Instant configuredAt() {
		return configuredAt;
	}

	@Nullable UUID deploymentId() {
		return deploymentId;
	}

	@Nullable UUID subscriptionId() {
		return subscriptionId;
	}

	Instant createdAt() {
		return createdAt;
	}

	Instant updatedAt() {
		return updatedAt;
	}
}
