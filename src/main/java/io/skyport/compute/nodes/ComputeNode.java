package io.skyport.compute.nodes;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

import io.skyport.compute.NodeCameUp;
import io.skyport.compute.NodeId;
import io.skyport.compute.NodeWentDown;
import io.skyport.compute.provider.HostReport;
import io.skyport.compute.provider.NetworkAttachment;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.compute.provider.VirtType;
import io.skyport.platform.errors.ConflictException;

/**
 * A compute node: a libvirt connection with its region, capacity (from libvirt unless an operator overrides it),
 * overcommit ratios and health. Health moves it between {@code UP} and {@code DOWN} (publishing {@link NodeWentDown}
 * and {@link NodeCameUp}); operators disable, drain and enable it. What placement reserved ({@code used_*}) is
 * read here but only ever written by placement.
 */
@Entity
@Table(name = "compute_nodes")
class ComputeNode extends AbstractAggregateRoot<ComputeNode> {

	@Id
	private UUID id;

	private String name;

	private String uri;

	private String region;

	@Enumerated(EnumType.STRING)
	private VirtType virtType;

	@Enumerated(EnumType.STRING)
	private NetworkAttachment.Mode networkMode;

	private @Nullable String networkSource;

	private String storagePool;

	private @Nullable String datasourceBaseUrl;

	private boolean simulateGuest;

	@Enumerated(EnumType.STRING)
	private NodeState state;

	private int vcpus;

	private long memoryMib;

	private long diskGib;

	private boolean capacityOverridden;

	private BigDecimal cpuRatio;

	private BigDecimal ramRatio;

	private BigDecimal diskRatio;

	@Column(insertable = false, updatable = false)
	private int usedVcpus;

	@Column(insertable = false, updatable = false)
	private long usedMemoryMib;

	@Column(insertable = false, updatable = false)
	private long usedDiskGib;

	@Embedded
	private NodeHealth health;

	private @Nullable UUID enrolmentTokenId;

	private byte @Nullable [] heartbeatTokenHash;

	private @Nullable Integer heartbeatIntervalSeconds;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	/** A node an operator added; it is {@code UP} until its first contact says otherwise. */
	ComputeNode(NodeSettings settings, Instant now) {
		this.id = UUID.randomUUID();
		this.state = NodeState.UP;
		this.health = new NodeHealth();
		this.createdAt = now;
		apply(settings, now);
	}

	/** A node that enrolled itself with a token and sends heartbeats with its own token (of which only the hash). */
	ComputeNode(NodeSettings settings, @Nullable Capacity reported, UUID enrolmentTokenId, byte[] heartbeatTokenHash,
			int heartbeatIntervalSeconds, Instant now) {
		this(settings, now);
		if (reported != null && !capacityOverridden) {
			vcpus = reported.vcpus();
			memoryMib = reported.memoryMib();
			diskGib = reported.diskGib();
		}
		this.enrolmentTokenId = enrolmentTokenId;
		this.heartbeatTokenHash = heartbeatTokenHash.clone();
		this.heartbeatIntervalSeconds = heartbeatIntervalSeconds;
	}

	/** A capacity a host reported about itself, kept until libvirt's probe says better. */
	record Capacity(int vcpus, long memoryMib, long diskGib) {
	}

	@SuppressWarnings("NullAway.Init")
	protected ComputeNode() {
	}

	void update(NodeSettings settings, Instant now) {
		if (!settings.uri().equals(uri) || !settings.storagePool().equals(storagePool)) {
			health.forgetHost();
		}
		apply(settings, now);
	}

	private void apply(NodeSettings settings, Instant now) {
		this.name = settings.name();
		this.uri = settings.uri();
		this.region = settings.region();
		this.virtType = settings.virtType();
		this.networkMode = settings.network().mode();
		this.networkSource = settings.network().source();
		this.storagePool = settings.storagePool();
		this.datasourceBaseUrl = settings.datasourceBaseUrl();
		this.simulateGuest = settings.simulateGuest();
		this.cpuRatio = settings.cpuRatio();
		this.ramRatio = settings.ramRatio();
		this.diskRatio = settings.diskRatio();
		NodeSettings.Capacity capacity = settings.capacity();
		this.capacityOverridden = capacity != null;
		if (capacity != null) {
			this.vcpus = capacity.vcpus();
			this.memoryMib = capacity.memoryMib();
			this.diskGib = capacity.diskGib();
		}
		this.updatedAt = now;
	}

	/** Takes the node out of service: not probed, no new instances. */
	void disable(Instant now) {
		if (state == NodeState.DISABLED) {
			throw new ConflictException("The node " + name + " is already disabled.");
		}
		state = NodeState.DISABLED;
		updatedAt = now;
	}

	/** Stops placing new instances on the node; it keeps its instances and is still probed. */
	void drain(Instant now) {
		if (state == NodeState.DRAINING) {
			throw new ConflictException("The node " + name + " is already draining.");
		}
		state = NodeState.DRAINING;
		updatedAt = now;
	}

	/** Returns a disabled or draining node to service: {@code UP} if it is healthy, {@code DOWN} if not. */
	void enable(Instant now) {
		if (state == NodeState.UP || state == NodeState.DOWN) {
			throw new ConflictException("The node " + name + " is already enabled (it is " + state.name() + ").");
		}
		state = health.healthy() ? NodeState.UP : NodeState.DOWN;
		updatedAt = now;
	}

	/** A probe answered: records what libvirt reported, and its capacity unless an operator set one. */
	NodeHealth.Change probed(HostReport report, Instant now) {
		if (!capacityOverridden) {
			vcpus = report.cpus();
			memoryMib = report.memoryMib();
			diskGib = report.diskGib();
		}
		return follow(health.probed(state, report, now), null);
	}

	NodeHealth.Change heartbeat(@Nullable Long freeMemoryMib, @Nullable Long freeDiskGib, Instant now) {
		return follow(health.heartbeat(state, freeMemoryMib, freeDiskGib, now), null);
	}

	NodeHealth.Change missed(String reason, Instant now) {
		return follow(health.missed(state, reason, now), reason);
	}

	/** The first contact with a new node failed: it starts {@code DOWN}, without an event (it was never up). */
	void neverAnswered(String reason, Instant now) {
		if (state == NodeState.UP) {
			state = NodeState.DOWN;
		}
		health.neverAnswered(reason, now);
	}

	/** Heartbeats this node promised and did not send by {@code now}; 0 for nodes that do not send heartbeats. */
	long heartbeatsMissed(Instant now) {
		return heartbeatIntervalSeconds == null ? 0
				: health.heartbeatsMissed(Duration.ofSeconds(heartbeatIntervalSeconds), createdAt, now);
	}

	private NodeHealth.Change follow(NodeHealth.Change change, @Nullable String reason) {
		state = change.applyTo(state);
		switch (change) {
			case WENT_DOWN -> registerEvent(new NodeWentDown(nodeId(), name, reason == null ? "" : reason));
			case CAME_UP -> registerEvent(new NodeCameUp(nodeId(), name));
			case NONE -> {
			}
		}
		return change;
	}

	ProviderTarget target() {
		return new ProviderTarget(id, name, uri, virtType, network(), storagePool);
	}

	NetworkAttachment network() {
		return new NetworkAttachment(networkMode, networkSource);
	}

	NodeSummary summary() {
		return new NodeSummary(nodeId(), name, region, state);
	}

	NodeId nodeId() {
		return new NodeId(id);
	}

	UUID id() {
		return id;
	}

	String name() {
		return name;
	}

	String uri() {
		return uri;
	}

	String region() {
		return region;
	}

	VirtType virtType() {
		return virtType;
	}

	String storagePool() {
		return storagePool;
	}

	@Nullable String datasourceBaseUrl() {
		return datasourceBaseUrl;
	}

	NodeState state() {
		return state;
	}

	boolean simulateGuest() {
		return simulateGuest;
	}

	int vcpus() {
		return vcpus;
	}

	long memoryMib() {
		return memoryMib;
	}

	long diskGib() {
		return diskGib;
	}

	boolean capacityOverridden() {
		return capacityOverridden;
	}

	BigDecimal cpuRatio() {
		return cpuRatio;
	}

	BigDecimal ramRatio() {
		return ramRatio;
	}

	BigDecimal diskRatio() {
		return diskRatio;
	}

	int usedVcpus() {
		return usedVcpus;
	}

	long usedMemoryMib() {
		return usedMemoryMib;
	}

	long usedDiskGib() {
		return usedDiskGib;
	}

	NodeHealth health() {
		return health;
	}

	boolean enrolled() {
		return enrolmentTokenId != null;
	}

	byte @Nullable [] heartbeatTokenHash() {
		return heartbeatTokenHash == null ? null : heartbeatTokenHash.clone();
	}

	@Nullable Integer heartbeatIntervalSeconds() {
		return heartbeatIntervalSeconds;
	}

	Instant createdAt() {
		return createdAt;
	}

	Instant updatedAt() {
		return updatedAt;
	}
}
