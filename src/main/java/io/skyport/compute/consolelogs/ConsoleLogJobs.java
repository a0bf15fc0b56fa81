package io.skyport.compute.consolelogs;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

/**
 * The console logs' recurring tasks, each run by one server of the cluster at a time: the capture every
 * {@code skyport.compute.console-logs.interval}, the retention every {@code retention-interval}. A server with
 * {@code skyport.compute.console-logs.enabled=false} runs neither.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "skyport.compute.console-logs.enabled", matchIfMissing = true)
class ConsoleLogJobs {

	@Bean
	RecurringTask<Void> consoleCaptureTask(ConsoleCapture capture, ConsoleLogProperties properties) {
		return Tasks.recurring("compute-console-capture", Schedules.fixedDelay(properties.interval()))
			.execute((instance, context) -> capture.scheduled());
	}

	@Bean
	RecurringTask<Void> consoleRetentionTask(ConsoleLogRetention retention, ConsoleLogProperties properties) {
		return Tasks.recurring("compute-console-retention", Schedules.fixedDelay(properties.retentionInterval()))
			.execute((instance, context) -> retention.scheduled());
	}
}
