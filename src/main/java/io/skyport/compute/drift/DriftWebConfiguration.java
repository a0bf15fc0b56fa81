package io.skyport.compute.drift;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import io.skyport.platform.web.AuthorizationRules;
import io.skyport.platform.web.NavigationItem;

/** The reconciler's recurring task, the drift report's URL rules (operators only) and its panel link. */
@Configuration(proxyBeanMethods = false)
class DriftWebConfiguration {

	static final String API = "/api/v1/compute/drift";
	static final String PAGE = "/panel/admin/drift";

	/** db-scheduler's name of the reconciler task (stored in {@code scheduled_tasks}: do not rename). */
	static final String RECONCILER = "compute-reconciler";

	@Bean
	RecurringTask<Void> reconcilerTask(Reconciler reconciler, ReconcilerProperties properties) {
		return Tasks.recurring(RECONCILER, FixedDelay.of(properties.interval()))
			.execute((instance, context) -> reconciler.scheduled());
	}

	@Bean
	AuthorizationRules driftAuthorizationRules() {
		return requests -> requests.requestMatchers(API).hasRole("OPERATOR");
	}

	@Bean
	NavigationItem driftLink() {
		return NavigationItem.forAuthority("Administration", "Drift", PAGE, "ROLE_OPERATOR", 1045);
	}
}
