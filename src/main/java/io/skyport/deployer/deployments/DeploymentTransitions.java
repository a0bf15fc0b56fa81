package io.skyport.deployer.deployments;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.deployer.DeploymentFailed;
import io.skyport.deployer.DeploymentId;
import io.skyport.deployer.DeploymentState;
import io.skyport.deployer.DeploymentSucceeded;
import io.skyport.deployer.DeploymentTornDown;
import io.skyport.platform.errors.NotFoundException;

/**
 * Every change of a deployment and its timeline, each in one short transaction on a freshly read row: a step's
 * outcome and the move to the next step commit together, before the next side effect begins.
 */
@Component
class DeploymentTransitions {

	private final Deployments deployments;
	private final Timeline timeline;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final Clock clock;

	DeploymentTransitions(Deployments deployments, Timeline timeline, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.deployments = deployments;
		this.timeline = timeline;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	Deployment load(DeploymentId id) {
		return deployments.findById(id.id()).orElseThrow(() -> NotFoundException.of("deployment", id.id()));
	}

	/**
	 * Opens an attempt of the current step. An entry a crashed worker left running is closed as interrupted; a guest
	 * wait carries on in its own entry.
	 */
	TimelineEntry begin(DeploymentId id, String worker) {
		return inTransaction(() -> {
			Deployment deployment = load(id);
			Instant now = clock.instant();
			for (TimelineEntry running : timeline.findByDeploymentIdAndOutcome(id.id(), TimelineEntry.Outcome.RUNNING)) {
				if (running.step() == DeploymentState.AWAITING_GUEST && deployment.state() == DeploymentState.AWAITING_GUEST) {
					return running;
				}
				running.close(TimelineEntry.Outcome.INTERRUPTED, "The worker running this step stopped; it is run again.",
						null, now);
				timeline.save(running);
			}
			int attempt = deployment.beginAttempt(now);
			deployments.save(deployment);
			return timeline.save(new TimelineEntry(id.id(), deployment.state(), attempt, now, worker));
		});
	}

	/** The step succeeded: closes its entry and moves on to {@code next}, announcing a server that became ready. */
	void succeed(DeploymentId id, TimelineEntry entry, String message, DeploymentState next) {
		inTransaction(() -> {
			Instant now = clock.instant();
			Deployment deployment = load(id);
			close(entry, TimelineEntry.Outcome.SUCCEEDED, message, null, now);
			DeploymentState finished = deployment.state();
			if (finished == DeploymentState.TEARDOWN_REQUESTED) {
				deployment.preparedForTeardown(now);
			}
			else if (finished == DeploymentState.ROLLING_BACK) {
				deployment.rolledBack(now);
				announceFailure(deployment, true, now);
			}
			else {
				deployment.advanceTo(next, now);
				if (next == DeploymentState.READY && finished == DeploymentState.NOTIFYING) {
					events.publishEvent(new DeploymentSucceeded(deployment.id(), deployment.instanceId(),
							deployment.subscriptionId(), deployment.organisationId(), now));
				}
				if (next == DeploymentState.DESTROYED) {
					events.publishEvent(new DeploymentTornDown(deployment.id(), deployment.instanceId(),
							deployment.subscriptionId(), deployment.organisationId(), now));
				}
			}
			deployments.save(deployment);
			return null;
		});
	}

	/** Records a step that needs no work for this deployment and moves on. */
	void skip(DeploymentId id, String message, DeploymentState next) {
		inTransaction(() -> {
			Instant now = clock.instant();
			Deployment deployment = load(id);
			timeline.save(TimelineEntry.closed(id.id(), deployment.state(), TimelineEntry.Outcome.SKIPPED, now, message));
			deployment.advanceTo(next, now);
			deployments.save(deployment);
			return null;
		});
	}

	/**
	 * Moves on without a step of its own (a request taking effect between steps), with a note on the timeline when
	 * there is something to say.
	 */
	void move(DeploymentId id, DeploymentState next, @Nullable String note) {
		inTransaction(() -> {
			Instant now = clock.instant();
			Deployment deployment = load(id);
			deployment.advanceTo(next, now);
			if (note != null) {
				timeline.save(TimelineEntry.closed(id.id(), next, TimelineEntry.Outcome.NOTED, now, note));
			}
			deployments.save(deployment);
			return null;
		});
	}

	/** The attempt failed transiently: the next one runs at {@code at}. */
	void retryLater(DeploymentId id, TimelineEntry entry, String reason, String detail, Instant at) {
		inTransaction(() -> {
			Instant now = clock.instant();
			Deployment deployment = load(id);
			close(entry, TimelineEntry.Outcome.RETRYING, reason, detail, now);
			deployment.retryAt(at, now);
			deployments.save(deployment);
			return null;
		});
	}

	/**
	 * The step gave up: rolls back (or, for a step that already undoes or removes, rests in {@code FAILED}).
	 */
	void fail(DeploymentId id, TimelineEntry entry, String reason, String detail, boolean rollBack) {
		inTransaction(() -> {
			Instant now = clock.instant();
			Deployment deployment = load(id);
			close(entry, TimelineEntry.Outcome.FAILED, reason, detail, now);
			boolean undo = rollBack && deployment.state().isDeploying();
			deployment.fail(reason, detail, undo, now);
			if (!undo) {
				announceFailure(deployment, false, now);
			}
			deployments.save(deployment);
			return null;
		});
	}

	/** Changes what is wanted of a deployment (a request from a person or billing), on a fresh read. */
	Deployment change(UUID id, Consumer<Deployment> change) {
		return inTransaction(() -> {
			Deployment deployment = deployments.findById(id).orElseThrow(() -> NotFoundException.of("deployment", id));
			change.accept(deployment);
			return deployments.save(deployment);
		});
	}

	private void announceFailure(Deployment deployment, boolean rolledBack, Instant now) {
		DeploymentState step = deployment.failedStep() == null ? deployment.state() : deployment.failedStep();
		String reason = deployment.failureReason() == null ? "The deployment failed." : deployment.failureReason();
		events.publishEvent(new DeploymentFailed(deployment.id(), deployment.instanceId(), deployment.subscriptionId(),
				deployment.organisationId(), step, reason, rolledBack, now));
	}

	private void close(TimelineEntry entry, TimelineEntry.Outcome outcome, @Nullable String message,
			@Nullable String detail, Instant now) {
		TimelineEntry current = entry.id() == null ? entry : timeline.findById(entry.id()).orElse(entry);
		if (current.isRunning()) {
			current.close(outcome, message, detail, now);
			timeline.save(current);
		}
	}

	private <T> T inTransaction(java.util.function.Supplier<T> work) {
		return transactions.execute(status -> work.get());
	}
}
