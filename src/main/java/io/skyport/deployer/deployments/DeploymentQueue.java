package io.skyport.deployer.deployments;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import io.skyport.deployer.DeploymentId;
import io.skyport.platform.scheduling.SchedulerWakeUp;

/**
 * Deployments as db-scheduler executions: one execution per deployment (its ID is the instance ID), claimed by one
 * worker of the cluster at a time, with heartbeats, so a crashed server's deployments are picked up by another once
 * its heartbeat is stale. A drive that must wait reschedules its own execution; a resting deployment has none until
 * someone wakes it.
 */
@Configuration(proxyBeanMethods = false)
class DeploymentQueue {

	static final TaskDescriptor<Void> TASK = TaskDescriptor.of("deployment");
	private static final Logger log = LoggerFactory.getLogger(DeploymentQueue.class);
	private static final Duration MAX_FAILURE_PAUSE = Duration.ofMinutes(5);

	@Bean
	CustomTask<Void> deploymentTask(DeploymentDriver driver, DeploymentTransitions transitions, Clock clock) {
		String worker = workerName();
		return Tasks.custom(TASK)
			.onFailure(cappedBackoff(clock))
			.onDeadExecutionRevive()
			.execute((instance, context) -> {
				DeploymentId id = new DeploymentId(UUID.fromString(instance.getId()));
				DeploymentDriver.Next next = driver.drive(id, worker);
				return (complete, operations) -> {
					// What arrived while this drive ran could not reschedule a picked execution: look at it now.
					Deployment now = transitions.load(id);
					if (next.at() == null && !now.needsDrive()) {
						operations.remove();
					}
					else {
						operations.reschedule(complete,
								next.at() == null || now.waitIsOver() ? clock.instant() : next.at());
					}
				};
			});
	}

	/** The execution that drives a deployment. */
	static TaskInstance<Void> execution(UUID deploymentId) {
		return TASK.instance(deploymentId.toString()).build();
	}

	/**
	 * A drive that failed outside any step (the database gone, a defect) is tried again after 2 s, doubling up to
	 * 5 min: it never gives up, because the deployment's own state is intact and its steps keep their deadlines.
	 */
	static FailureHandler<Void> cappedBackoff(Clock clock) {
		return (complete, operations) -> {
			int failures = Math.min(complete.getExecution().consecutiveFailures, 16);
			Duration pause = Duration.ofSeconds(2).multipliedBy(1L << Math.min(failures, 8));
			Duration capped = pause.compareTo(MAX_FAILURE_PAUSE) > 0 ? MAX_FAILURE_PAUSE : pause;
			log.warn("Driving deployment {} failed ({} in a row); again in {}", complete.getExecution().taskInstance.getId(),
					failures + 1, capped);
			operations.reschedule(complete, clock.instant().plus(capped));
		};
	}

	@Bean
	Wake deploymentWake(SchedulerClient scheduler, SchedulerWakeUp wakeUp, Clock clock) {
		return new Wake(scheduler, wakeUp, clock);
	}

	/** Runs a deployment's next drive now (or at a given time), whichever server picks it up. */
	static final class Wake {

		private final SchedulerClient scheduler;
		private final SchedulerWakeUp wakeUp;
		private final Clock clock;

		Wake(SchedulerClient scheduler, SchedulerWakeUp wakeUp, Clock clock) {
			this.scheduler = scheduler;
			this.wakeUp = wakeUp;
			this.clock = clock;
		}

		/**
		 * Call inside the transaction that created or changed the deployment: the execution becomes visible with it.
		 */
		void now(DeploymentId id) {
			at(id, clock.instant());
		}

		void at(DeploymentId id, Instant at) {
			if (!scheduler.scheduleIfNotExists(execution(id.id()), at)) {
				try {
					scheduler.reschedule(execution(id.id()), at);
				}
				catch (RuntimeException ex) {
					// Being driven right now: the running drive reads the change before it rests.
					log.debug("Deployment {} is being driven; not rescheduled: {}", id, ex.getMessage());
				}
			}
			wakeUp.checkForDueExecutions();
		}
	}

	private static String workerName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "localhost";
		}
		return host + "#" + ProcessHandle.current().pid();
	}
}
