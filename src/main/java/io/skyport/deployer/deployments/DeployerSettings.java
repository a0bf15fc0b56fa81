package io.skyport.deployer.deployments;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the deployer retries and waits ({@code skyport.deployer.*}).
 *
 * @param stepDeadline how long one step may keep failing transiently before the deployment gives up.
 * @param guestDeadline how long {@code AWAITING_GUEST} waits for the guest's phone-home.
 * @param guestPoll how often a waiting deployment looks again when no phone-home signal reaches this process.
 * @param guestWaitInProcess how long a worker waits for this process's phone-home signal before freeing itself.
 * @param rollbackOnFailure undo what a failed deployment made; when off, it keeps it for an operator to inspect.
 * @param trialRetention how long a cancelled or expired trial's server is kept (stopped) before it is destroyed.
 * @param paidRetention the same for a paid subscription's server.
 */
@ConfigurationProperties("skyport.deployer")
record DeployerSettings(@DefaultValue("5m") Duration stepDeadline, @DefaultValue("10m") Duration guestDeadline,
		@DefaultValue("5s") Duration guestPoll, @DefaultValue("2s") Duration guestWaitInProcess,
		@DefaultValue Retry retry, @DefaultValue("true") boolean rollbackOnFailure,
		@DefaultValue("0d") Duration trialRetention, @DefaultValue("7d") Duration paidRetention) {

	/**
	 * Exponential backoff with jitter between attempts of a step.
	 *
	 * @param maxAttempts attempts per step before it fails, whatever time is left before its deadline.
	 */
	record Retry(@DefaultValue("1s") Duration initialInterval, @DefaultValue("2.0") double multiplier,
			@DefaultValue("60s") Duration maxInterval, @DefaultValue("8") int maxAttempts) {

		/** The pause before attempt {@code attempt + 1}: between half and all of the exponential interval. */
		Duration delayAfter(int attempt, double random) {
			double exponential = initialInterval.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
			double capped = Math.min(exponential, maxInterval.toMillis());
			return Duration.ofMillis(Math.round(capped * (0.5 + random / 2)));
		}
	}
}
