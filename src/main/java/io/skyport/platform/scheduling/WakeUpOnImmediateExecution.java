package io.skyport.platform.scheduling;

import java.time.Instant;

import com.github.kagkarlsson.scheduler.Clock;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;

/**
 * db-scheduler's "immediate execution", aware of Spring transactions: an execution scheduled on this server for now
 * (or earlier) wakes the scheduler at once, or after the scheduling transaction commits. db-scheduler's own
 * {@code enableImmediateExecution()} wakes it before the commit, when the row is not yet visible, and the execution
 * then waits for the next poll.
 */
final class WakeUpOnImmediateExecution extends AbstractSchedulerListener {

	private final SchedulerWakeUp wakeUp;
	private final Clock clock;

	WakeUpOnImmediateExecution(SchedulerWakeUp wakeUp, Clock clock) {
		this.wakeUp = wakeUp;
		this.clock = clock;
	}

	@Override
	public void onExecutionScheduled(TaskInstanceId taskInstanceId, Instant executionTime) {
		if (!executionTime.isAfter(clock.now())) {
			wakeUp.checkForDueExecutions();
		}
	}
}
