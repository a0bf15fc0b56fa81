package io.skyport.platform.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

import com.github.kagkarlsson.scheduler.Scheduler;

/**
 * Starts the scheduler once the context is refreshed (every task bean exists and the schema is migrated). Stopping
 * the context (and pausing it: the test framework pauses cached contexts it is not using) pauses the scheduler: it
 * starts no new executions, lets running ones finish and keeps their heartbeats; starting it again resumes. When the
 * context closes, the scheduler stops before the connection pool (it depends on it) and leaves no threads behind:
 * running executions get {@code skyport.scheduler.shutdown-max-wait} to finish, then are interrupted; one that still
 * does not end is revived by another server once its heartbeat is stale.
 */
final class SchedulerLifecycle implements SmartLifecycle, DisposableBean {

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
			return;
		}
		if (scheduler.getSchedulerState().isStarted()) {
			scheduler.resume();
		}
		else {
			scheduler.start();
		}
		running = true;
	}

	@Override
	public synchronized void stop() {
		if (running) {
			running = false;
			scheduler.pause();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public synchronized void destroy() {
		running = false;
		if (scheduler.getSchedulerState().isStarted() && !scheduler.getSchedulerState().isShuttingDown()) {
			scheduler.stop();
		}
	}
}
