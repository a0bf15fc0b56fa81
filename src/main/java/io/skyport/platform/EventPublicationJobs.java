package io.skyport.platform;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

/**
 * The event publication registry's recurring tasks, each run by one server of the cluster at a time.
 */
@Configuration(proxyBeanMethods = false)
class EventPublicationJobs {

	/** Failed listeners resubmitted with backoff; a server with {@code skyport.events.retry.enabled=false} never runs it. */
	@Bean
	@ConditionalOnBooleanProperty(name = "skyport.events.retry.enabled", matchIfMissing = true)
	RecurringTask<Void> eventPublicationRetriesTask(EventPublicationRetries retries,
			EventPublicationRetries.Settings settings) {
		return Tasks.recurring("platform-event-retries", Schedules.fixedDelay(settings.interval()))
			.execute((instance, context) -> retries.resubmitDuePublications());
	}

	@Bean
	RecurringTask<Void> eventPublicationHousekeepingTask(EventPublicationHousekeeping housekeeping,
			@Value("${skyport.events.housekeeping-interval:1h}") Duration interval) {
		return Tasks.recurring("platform-event-housekeeping", Schedules.fixedDelay(interval))
			.execute((instance, context) -> housekeeping.deleteOldCompletedPublications());
	}
}
