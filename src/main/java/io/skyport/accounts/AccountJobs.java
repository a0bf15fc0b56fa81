package io.skyport.accounts;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

/**
 * Accounts' recurring tasks, each run by one server of the cluster at a time.
 */
@Configuration(proxyBeanMethods = false)
class AccountJobs {

	/** Sign-in failures that left the lock window are deleted (they live in the database, shared by all servers). */
	@Bean
	RecurringTask<Void> loginFailureCleanupTask(LoginThrottle throttle,
			@Value("${skyport.accounts.login.cleanup-interval:10m}") Duration interval) {
		return Tasks.recurring("accounts-login-failure-cleanup", Schedules.fixedDelay(interval))
			.execute((instance, context) -> throttle.forgetExpiredFailures());
	}
}
