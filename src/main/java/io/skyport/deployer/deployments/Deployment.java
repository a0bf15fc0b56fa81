package io.skyport.deployer.deployments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;
import io.skyport.billing.SubscriptionId;
import io.skyport.compute.InstanceId;
import io.skyport.deployer.DeploymentId;
import io.skyport.deployer.DeploymentState;
import io.skyport.platform.errors.ConflictException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One server's saga. Only the driver moves it between steps; requests from people and billing set what is wanted
 * ({@link #requestSuspension}, {@link #requestTeardown}, {@link #retry}) and the driver acts on it after the step
 * that is running. Every method checks that the change is allowed from the current state.
 */
@Entity
@Table(name = "deployments")
@DynamicUpdate
class Deployment {

	@Id
	private UUID id;

	private UUID organisationId;

	private @Nullable UUID subscriptionId;

	private UUID instanceId;

	private @Nullable UUID productId;

	private @Nullable UUID vendorId;

	private @Nullable UUID planId;

	private @Nullable Integer planVersion;

	private @Nullable String serverType;

	private boolean trial;

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

	private @Nullable UUID projectId;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "uuid[]")
	private List<UUID> sshKeyIds = new ArrayList<>();

	@Enumerated(EnumType.STRING)
	private DeploymentState state;

	private int stepAttempt;

	private @Nullable Instant stepStartedAt;

	private @Nullable Instant nextAttemptAt;

	private boolean suspendRequested;

	private @Nullable Instant teardownRequestedAt;

	private @Nullable Instant teardownAt;

	@Enumerated(EnumType.STRING)
	private @Nullable DeploymentState failedStep;

	private @Nullable String failureReason;

	private @Nullable String failureDetail;

	private boolean rolledBack;

	private @Nullable Instant guestPhonedHomeAt;

	private @Nullable Instant readyAt;

	private @Nullable Instant destroyedAt;

	private @Nullable Instant hoursRecordedUntil;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	/** What a deployment is for: a subscription (with its plan) or a server billed by the hour. */
	record Origin(@Nullable SubscriptionId subscriptionId, @Nullable UUID productId, @Nullable UUID vendorId,
			@Nullable UUID planId,
			@Nullable Integer planVersion, @Nullable String serverType, boolean trial) {
	}

	Deployment(DeploymentId id, OrganisationId organisationId, InstanceId instanceId, Origin origin, ServerSpec spec,
			Instant now) {
		this.id = id.id();
		this.organisationId = organisationId.id();
		this.instanceId = instanceId.id();
		this.subscriptionId = origin.subscriptionId() == null ? null : origin.subscriptionId().id();
		this.productId = origin.productId();
		this.vendorId = origin.vendorId();
		this.planId = origin.planId();
		this.planVersion = origin.planVersion();
		this.serverType = origin.serverType();
		this.trial = origin.trial();
		this.name = spec.name();
		this.description = spec.description();
		this.tags = new ArrayList<>(spec.tags());
		this.region = spec.region();
		this.vcpus = spec.vcpus();
		this.memoryMib = spec.memoryMib();
		this.rootDiskGib = spec.rootDiskGib();
		this.dataDiskGib = spec.dataDiskGib();
		this.dataDiskMountPoint = spec.dataDiskMountPoint();
		this.imageId = spec.imageId();
		this.projectId = spec.projectId();
		this.sshKeyIds = new ArrayList<>(spec.sshKeyIds());
		this.state = DeploymentState.REQUESTED;
		this.createdAt = now;
		this.updatedAt = now;
	}

	protected Deployment() {
		// for JPA
	}

	/** Starts an attempt of the current step: the step's deadline counts from its first attempt. */
	int beginAttempt(Instant now) {
		if (state.isAtRest()) {
			throw new IllegalStateException("Deployment " + id + " is " + state + ": nothing to run");
		}
		if (stepAttempt == 0) {
			stepStartedAt = now;
		}
		stepAttempt++;
		nextAttemptAt = null;
		updatedAt = now;
		return stepAttempt;
	}

	/** The current step is done; {@code next} is the following step (or a resting state). */
	void advanceTo(DeploymentState next, Instant now) {
		if (state == DeploymentState.DESTROYED
				|| state == DeploymentState.FAILED && next != DeploymentState.TEARDOWN_REQUESTED) {
			throw new IllegalStateException("Deployment " + id + " is " + state + " and cannot move to " + next);
		}
		state = next;
		stepAttempt = 0;
		stepStartedAt = null;
		nextAttemptAt = null;
		if (next == DeploymentState.READY && readyAt == null) {
			readyAt = now;
		}
		if (next == DeploymentState.DESTROYED && destroyedAt == null) {
			destroyedAt = now;
		}
		updatedAt = now;
	}

	/** The machine is stopped for the retention period: nothing more to do until the teardown date. */
	void preparedForTeardown(Instant now) {
		requireState(DeploymentState.TEARDOWN_REQUESTED, "prepare the teardown");
		stepAttempt = 0;
		stepStartedAt = null;
		nextAttemptAt = teardownAt;
		updatedAt = now;
	}

	/** The attempt failed in a way worth repeating at {@code at}. */
	void retryAt(Instant at, Instant now) {
		nextAttemptAt = at;
		updatedAt = now;
	}

	/**
	 * The current step gave up. With {@code rollBack} the deployment undoes what it made before resting in
	 * {@code FAILED}; without, it rests there at once and keeps what exists for an operator to look at.
	 */
	void fail(String reason, String detail, boolean rollBack, Instant now) {
		failedStep = state == DeploymentState.ROLLING_BACK && failedStep != null ? failedStep : state;
		failureReason = truncate(reason, 1000);
		failureDetail = truncate(detail, 4000);
		state = rollBack ? DeploymentState.ROLLING_BACK : DeploymentState.FAILED;
		rolledBack = false;
		stepAttempt = 0;
		stepStartedAt = null;
		nextAttemptAt = null;
		updatedAt = now;
	}

	/** The rollback removed what the deployment had made. */
	void rolledBack(Instant now) {
		requireState(DeploymentState.ROLLING_BACK, "finish a rollback");
		state = DeploymentState.FAILED;
		rolledBack = true;
		stepAttempt = 0;
		stepStartedAt = null;
		updatedAt = now;
	}

	/**
	 * An operator tries again from the failed step. After a rollback nothing of the first attempt exists, so it starts
	 * over with a new instance (the old one stays deleted in compute's history).
	 *
	 * @return the step it resumes at.
	 */
	DeploymentState retry(Instant now) {
		if (state != DeploymentState.FAILED) {
			throw new ConflictException("Only a failed deployment can be retried; this one is "
					+ state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ".");
		}
		if (teardownRequestedAt != null) {
			throw new ConflictException("This deployment's server was cancelled; there is nothing to retry.");
		}
		DeploymentState from = failedStep == null ? DeploymentState.CHECKING_PREREQUISITES : failedStep;
		if (rolledBack || from == DeploymentState.ROLLING_BACK || from.isEnding()) {
			from = from.isEnding() ? from : DeploymentState.CHECKING_PREREQUISITES;
			if (rolledBack) {
				instanceId = UUID.randomUUID();
				guestPhonedHomeAt = null;
			}
		}
		state = from;
		failedStep = null;
		failureReason = null;
		failureDetail = null;
		rolledBack = false;
		stepAttempt = 0;
		stepStartedAt = null;
		nextAttemptAt = null;
		updatedAt = now;
		return from;
	}

	/** An operator rolls back a failed deployment that kept what it had made. */
	void rollBack(Instant now) {
		if (state != DeploymentState.FAILED || rolledBack) {
			throw new ConflictException(state == DeploymentState.FAILED ? "This deployment was rolled back already."
					: "Only a failed deployment can be rolled back.");
		}
		state = DeploymentState.ROLLING_BACK;
		stepAttempt = 0;
		stepStartedAt = null;
		updatedAt = now;
	}

	/** Dunning put the subscription on hold ({@code true}) or lifted it ({@code false}). */
	void requestSuspension(boolean suspend, Instant now) {
		suspendRequested = suspend;
		updatedAt = now;
	}

	/**
	 * The server is to go: at {@code at} (after the retention period) when it was ready, at once when it was still
	 * being deployed or failed. A repeated request keeps the earlier date.
	 */
	void requestTeardown(Instant at, Instant now) {
		if (teardownRequestedAt != null) {
			return;
		}
		teardownRequestedAt = now;
		teardownAt = state.isDeploying() || state == DeploymentState.FAILED || state == DeploymentState.ROLLING_BACK
				? now
				: at;
		updatedAt = now;
	}

	/** Tears down at once, also during a retention period (the owner deleted the server). */
	void requestImmediateTeardown(Instant now) {
		teardownRequestedAt = teardownRequestedAt == null ? now : teardownRequestedAt;
		teardownAt = now;
		updatedAt = now;
	}

	boolean guestHasPhonedHome() {
		return guestPhonedHomeAt != null;
	}

	/** Waiting for a guest that has meanwhile phoned home: the next drive should run now, not at its next look. */
	boolean waitIsOver() {
		return state == DeploymentState.AWAITING_GUEST && guestPhonedHomeAt != null;
	}

	/** Whether a driver has something to do: a step to run, or a request to act on. */
	boolean needsDrive() {
		return switch (state) {
			case DESTROYED -> false;
			case READY -> suspendRequested || teardownRequestedAt != null;
			case SUSPENDED -> !suspendRequested || teardownRequestedAt != null;
			case FAILED -> teardownRequestedAt != null;
			default -> true;
		};
	}

	boolean teardownDue(Instant now) {
		return teardownAt != null && !teardownAt.isAfter(now);
	}

	boolean teardownRequested() {
		return teardownRequestedAt != null;
	}

	private void requireState(DeploymentState expected, String what) {
		if (state != expected) {
			throw new IllegalStateException("Cannot " + what + " of deployment " + id + " in " + state);
		}
	}

	private static @Nullable String truncate(@Nullable String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
	}

	DeploymentId id() {
		return new DeploymentId(id);
	}

	OrganisationId organisationId() {
		return new OrganisationId(organisationId);
	}

	@Nullable SubscriptionId subscriptionId() {
		return subscriptionId == null ? null : new SubscriptionId(subscriptionId);
	}

	InstanceId instanceId() {
		return new InstanceId(instanceId);
	}

	@Nullable UUID productId() {
		return productId;
	}

	/** The vendor of the product, who may follow its deployments. */
	@Nullable UUID vendorId() {
		return vendorId;
	}

	@Nullable UUID planId() {
		return planId;
	}

	@Nullable Integer planVersion() {
		return planVersion;
	}

	@Nullable String serverType() {
		return serverType;
	}

	boolean trial() {
		return trial;
	}

	ServerSpec spec() {
		return new ServerSpec(name, description, tags, region, vcpus, memoryMib, rootDiskGib, dataDiskGib, dataDiskMountPoint,
				imageId, projectId, sshKeyIds);
	}

	DeploymentState state() {
		return state;
	}

	@Nullable Instant stepStartedAt() {
		return stepStartedAt;
	}

	@Nullable Instant nextAttemptAt() {
		return nextAttemptAt;
	}

	boolean suspendRequested() {
		return suspendRequested;
	}

	@Nullable Instant teardownAt() {
		return teardownAt;
	}

	@Nullable DeploymentState failedStep() {
		return failedStep;
	}

	@Nullable String failureReason() {
		return failureReason;
	}

	@Nullable String failureDetail() {
		return failureDetail;
	}

	boolean rolledBackAfterFailure() {
		return rolledBack;
	}

	@Nullable Instant readyAt() {
		return readyAt;
	}

	/** When the machine was removed, for a deployment that reached DESTROYED. */
	@Nullable Instant destroyedAt() {
		return destroyedAt;
	}

	/** Up to which hour (exclusive) the hours of a direct server went to billing. */
	@Nullable Instant hoursRecordedUntil() {
		return hoursRecordedUntil;
	}

	void hoursRecordedUntil(Instant until) {
		hoursRecordedUntil = until;
	}

	Instant createdAt() {
		return createdAt;
	}

	Instant updatedAt() {
		return updatedAt;
	}
}
