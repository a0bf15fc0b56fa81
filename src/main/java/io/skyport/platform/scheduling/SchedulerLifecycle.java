package io.skyport.platform.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import com.github.kagkarlsson.scheduler.Scheduler;

/**
 * Starts the scheduler once the context is refreshed (every task bean exists and the schema is migrated) and stops it
 * before any bean is destroyed, so it never polls a closed connection pool and leaves no threads behind. Stopping lets
 * running executions finish for {@code skyport.scheduler.shutdown-max-wait}, then interrupts them; an execution that
 * still does not end is picked up by another server once its heartbeat is stale. A stopped scheduler cannot start
 * again (db-scheduler's executors are gone), so a context is started once.
 */
final class SchedulerLifecycle implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SchedulerLifecycle.class);

	private final Scheduler scheduler;
	private final boolean enabled;
	private volatile boolean running;

	SchedulerLifecycle(Scheduler scheduler, boolean enabled) {
		this.scheduler = scheduler;
		this.enabled = enabled;
	}

	@Override
	public synchronized void start() {
		if (!enabled) {
			log.info("Scheduled tasks do not run on this server (skyport.scheduler.enabled=false); it only schedules them");
			return;
		}
		if (scheduler.getSchedulerState().isShuttingDown()) {
			log.warn("The scheduler was stopped and cannot start again; scheduled tasks do not run on this server");
			return;
		}
		if (!scheduler.getSchedulerState().isStarted()) {
			scheduler.start();
		}
		running = true;
	}

	@Override
	public synchronized void stop() {
		if (running) {
			running = false;
			scheduler.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
