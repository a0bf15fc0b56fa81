package io.skyport.deployer.deployments;

import java.time.Instant;

/** What one attempt of a step came to. */
sealed interface StepResult {

	/** The step is done; {@code message} says what it did, for the timeline. */
	record Done(String message) implements StepResult {
	}

	/** Nothing to do yet (the guest has not phoned home): look again at {@code until} at the latest. */
	record Waiting(Instant until) implements StepResult {
	}

	/**
	 * Failed, and worth another attempt after a pause. {@code moveToAnotherNode} when the instance's node is down or
	 * gone, so the next attempt may place it elsewhere.
	 */
	record Transient(String reason, String detail, boolean moveToAnotherNode) implements StepResult {
	}

	/** Failed for good: {@code reason} for the customer, {@code detail} for operators. */
	record Permanent(String reason, String detail) implements StepResult {
	}
}
