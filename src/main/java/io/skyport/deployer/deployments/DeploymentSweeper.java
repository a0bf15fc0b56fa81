package io.skyport.deployer.deployments;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

/**
 * A safety net, once per cluster and minute: a deployment that has something to do but no execution (a wake lost in
 * the instant its drive was finishing) is queued again.
 */
@Configuration(proxyBeanMethods = false)
class DeploymentSweeper {

	private static final Logger log = LoggerFactory.getLogger(DeploymentSweeper.class);

	@Bean
	RecurringTask<Void> deploymentSweep(Deployments deployments, Clock clock,
			@Value("${skyport.deployer.sweep-interval:60s}") Duration interval) {
		return Tasks.recurring("deployment-sweep", Schedules.fixedDelay(interval)).execute((instance, context) -> {
			SchedulerClient scheduler = context.getSchedulerClient();
			for (UUID id : deployments.findNeedingDrive()) {
				TaskInstance<Void> execution = DeploymentQueue.execution(id);
				if (scheduler.getScheduledExecution(execution).isEmpty()
						&& scheduler.scheduleIfNotExists(execution, clock.instant())) {
					log.info("Deployment {} had work but no execution; queued it again", id);
				}
			}
		});
	}
}
