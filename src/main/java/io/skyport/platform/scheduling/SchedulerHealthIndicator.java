package io.skyport.platform.scheduling;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerState;

/**
 * {@code scheduler} in {@code /actuator/health}: UP while this server executes tasks (or when it is configured not to),
 * OUT_OF_SERVICE while it shuts down, DOWN if it should run but has not started.
 */
final class SchedulerHealthIndicator implements HealthIndicator {

	private final Scheduler scheduler;
	private final boolean enabled;

	SchedulerHealthIndicator(Scheduler scheduler, boolean enabled) {
		this.scheduler = scheduler;
		this.enabled = enabled;
	}

	@Override
	public Health health() {
		SchedulerState state = scheduler.getSchedulerState();
		Health.Builder health;
		if (!enabled) {
			health = Health.up();
		}
		else if (state.isShuttingDown()) {
			health = Health.outOfService();
		}
		else if (state.isStarted()) {
			health = Health.up().withDetail("running", scheduler.getCurrentlyExecuting().size());
		}
		else {
			health = Health.down();
		}
		return health.withDetail("executing", enabled && state.isStarted() && !state.isShuttingDown()).build();
	}
}
