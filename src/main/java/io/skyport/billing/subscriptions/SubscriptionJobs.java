package io.skyport.billing.subscriptions;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

/**
 * The subscription lifecycle's trigger: a recurring task, run by one server of the cluster at a time.
 */
@Configuration(proxyBeanMethods = false)
class SubscriptionJobs {

	@Bean
	RecurringTask<Void> subscriptionLifecycleTask(SubscriptionLifecycle lifecycle,
			@Value("${skyport.billing.lifecycle-interval:60s}") Duration interval) {
		return Tasks.recurring("billing-subscription-lifecycle", Schedules.fixedDelay(interval))
			.execute((instance, context) -> lifecycle.run());
	}
}
