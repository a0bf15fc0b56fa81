package io.skyport.platform.scheduling;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.kagkarlsson.scheduler.Scheduler;

/**
 * Makes this server's scheduler look for due executions now instead of at its next poll, e.g. after rescheduling an
 * execution to run at once. Executions scheduled for "now" through the {@code SchedulerClient} wake it by themselves.
 * Inside a transaction the wake-up happens after the commit (before it, the change is not visible to the scheduler's
 * own connection); after a rollback it does not happen. Does nothing when this server does not execute tasks.
 */
@Component
public class SchedulerWakeUp {

	private final Scheduler scheduler;

	SchedulerWakeUp(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	/** Wakes the scheduler now, or after the current transaction commits. */
	public void checkForDueExecutions() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					wake();
				}
			});
		}
		else {
			wake();
		}
	}

	private void wake() {
		if (scheduler.getSchedulerState().isStarted() && !scheduler.getSchedulerState().isShuttingDown()) {
			scheduler.triggerCheckForDueExecutions();
		}
	}
}
