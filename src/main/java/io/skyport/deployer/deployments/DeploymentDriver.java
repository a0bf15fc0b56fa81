package io.skyport.deployer.deployments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.skyport.deployer.DeploymentId;
import io.skyport.deployer.DeploymentState;

/**
 * Drives one deployment as far as it can go now: runs its steps in order, records each attempt, and answers when it
 * needs to run again (after a backoff, at a teardown date, or to look for the guest). Only one worker in the cluster
 * drives a deployment at a time: the scheduler hands each deployment's execution to one worker.
 */
@Component
class DeploymentDriver {

	private static final Logger log = LoggerFactory.getLogger(DeploymentDriver.class);
	/** Steps one drive may take before it yields its worker (a deployment needs at most a dozen). */
	private static final int MAX_MOVES = 40;

	private final DeploymentTransitions transitions;
	private final SagaSteps steps;
	private final DeployerSettings settings;
	private final List<StepObserver> observers;
	private final DeployerMetrics metrics;
	private final Clock clock;

	DeploymentDriver(DeploymentTransitions transitions, SagaSteps steps, DeployerSettings settings,
			List<StepObserver> observers, DeployerMetrics metrics, Clock clock) {
		this.metrics = metrics;
		this.transitions = transitions;
		this.steps = steps;
		this.settings = settings;
		this.observers = List.copyOf(observers);
		this.clock = clock;
	}

	/** When to drive again: {@code null} when the deployment rests until someone acts. */
	record Next(@Nullable Instant at) {

		static final Next REST = new Next(null);
	}

	Next drive(DeploymentId id, String worker) {
		for (int move = 0; move < MAX_MOVES; move++) {
			Deployment deployment = transitions.load(id);
			Instant now = clock.instant();
			DeploymentState state = deployment.state();
			if (deployment.teardownRequested() && !state.isEnding() && state != DeploymentState.ROLLING_BACK) {
				transitions.move(id, DeploymentState.TEARDOWN_REQUESTED, teardownNote(deployment));
				continue;
			}
			switch (state) {
				case DESTROYED, FAILED:
					return Next.REST;
				case READY:
					if (!deployment.suspendRequested()) {
						return Next.REST;
					}
					transitions.move(id, DeploymentState.SUSPENDING, "Suspended by billing: stopping the server.");
					continue;
				case SUSPENDED:
					if (deployment.suspendRequested()) {
						return Next.REST;
					}
					transitions.move(id, DeploymentState.RESUMING, "Billing resumed the subscription: starting the server.");
					continue;
				case REQUESTED:
					transitions.move(id, DeploymentState.CHECKING_PREREQUISITES, null);
					continue;
				case CONFIGURING_ACCESS, ATTACHING_DATA_DISK:
					if (deployment.spec().isBareVm()) {
						transitions.skip(id, "Not needed for a bare VM.", after(deployment));
						continue;
					}
					break;
				case TEARDOWN_REQUESTED:
					if (deployment.teardownDue(now)) {
						transitions.move(id, DeploymentState.DESTROYING, "Removing the server.");
						continue;
					}
					break;
				default:
					break;
			}
			if (deployment.nextAttemptAt() != null && deployment.nextAttemptAt().isAfter(now)) {
				return new Next(deployment.nextAttemptAt());
			}
			Next next = attempt(id, worker);
			if (next != null) {
				return next;
			}
		}
		return new Next(clock.instant());
	}

	/** One attempt of the current step; {@code null} when the deployment moved on and can be driven further. */
	private @Nullable Next attempt(DeploymentId id, String worker) {
		TimelineEntry entry = transitions.begin(id, worker);
		Deployment deployment = transitions.load(id);
		StepResult result = steps.run(deployment);
		switch (result) {
			case StepResult.Done done -> {
				transitions.succeed(id, entry, done.message(), after(deployment));
				stepEnded(deployment, DeployerMetrics.StepOutcome.SUCCEEDED);
				observers.forEach(observer -> observer.stepCommitted(id, deployment.state()));
				return null;
			}
			case StepResult.Waiting waiting -> {
				return new Next(waiting.until());
			}
			case StepResult.Transient failure -> {
				Instant now = clock.instant();
				Instant retryAt = now.plus(settings.retry().delayAfter(entry.attempt(), ThreadLocalRandom.current().nextDouble()));
				Instant deadline = (deployment.stepStartedAt() == null ? now : deployment.stepStartedAt())
					.plus(settings.stepDeadline());
				if (entry.attempt() >= settings.retry().maxAttempts() || retryAt.isAfter(deadline)) {
					log.warn("Deployment {} gave up on {} after {} attempts: {}", id, deployment.state(), entry.attempt(),
							failure.detail());
					transitions.fail(id, entry, failure.reason(), failure.detail() + " (after " + entry.attempt()
							+ " attempts)", settings.rollbackOnFailure());
					stepEnded(deployment, DeployerMetrics.StepOutcome.FAILED);
					return null;
				}
				transitions.retryLater(id, entry, failure.reason(), failure.detail(), retryAt);
				if (failure.moveToAnotherNode() && deployment.state().isDeploying()) {
					moveToAnotherNode(deployment);
				}
				return new Next(retryAt);
			}
			case StepResult.Permanent failure -> {
				log.info("Deployment {} failed at {}: {}", id, deployment.state(), failure.detail());
				transitions.fail(id, entry, failure.reason(), failure.detail(), settings.rollbackOnFailure());
				stepEnded(deployment, DeployerMetrics.StepOutcome.FAILED);
				return null;
			}
		}
	}

	private void stepEnded(Deployment deployment, DeployerMetrics.StepOutcome outcome) {
		Instant started = deployment.stepStartedAt();
		if (started != null) {
			metrics.stepEnded(deployment.state(), outcome, Duration.between(started, clock.instant()));
		}
	}

	/**
	 * The instance's node went away: compute places it on another node of its region, where its machine is made
	 * anew, so the deployment goes back to {@code CREATING_VM}.
	 */
	private void moveToAnotherNode(Deployment deployment) {
		StepResult moved = steps.relocate(deployment);
		if (moved instanceof StepResult.Done) {
			transitions.move(deployment.id(), DeploymentState.CREATING_VM,
					"Its node went away: moved to another node of the region, where the machine is made again.");
		}
		else {
			log.info("Deployment {} could not move its instance off its node yet: {}", deployment.id(), moved);
		}
	}

	/** The state after the current one finishes. */
	private static DeploymentState after(Deployment deployment) {
		return switch (deployment.state()) {
			case CHECKING_PREREQUISITES -> DeploymentState.CREATING_VM;
			case CREATING_VM -> DeploymentState.CONFIGURING_ACCESS;
			case CONFIGURING_ACCESS -> DeploymentState.ATTACHING_DATA_DISK;
			case ATTACHING_DATA_DISK -> DeploymentState.STARTING;
			case STARTING -> DeploymentState.AWAITING_GUEST;
			case AWAITING_GUEST -> DeploymentState.NOTIFYING;
			case NOTIFYING, RESUMING -> DeploymentState.READY;
			case SUSPENDING -> DeploymentState.SUSPENDED;
			case TEARDOWN_REQUESTED -> DeploymentState.TEARDOWN_REQUESTED;
			case DESTROYING -> DeploymentState.DESTROYED;
			case ROLLING_BACK -> DeploymentState.FAILED;
			case REQUESTED -> DeploymentState.CHECKING_PREREQUISITES;
			case READY, SUSPENDED, FAILED, DESTROYED ->
				throw new IllegalStateException(deployment.state() + " has no step to finish");
		};
	}

	private static String teardownNote(Deployment deployment) {
		return deployment.teardownAt() == null ? "The server is to be removed."
				: "The server is scheduled for deletion on " + deployment.teardownAt() + ".";
	}
}
