package io.skyport.monitoring.alerts;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import io.skyport.accounts.OrganisationType;
import io.skyport.platform.web.NavigationItem;

/**
 * The evaluation task (every {@code skyport.monitoring.alerts.interval}, one server of the cluster at a time) and the
 * panel's links to the alerts pages.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertSettings.class)
class AlertsConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(name = "skyport.monitoring.alerts.enabled", matchIfMissing = true)
	RecurringTask<Void> alertEvaluationTask(AlertEvaluation evaluation, AlertSettings settings) {
		return Tasks.recurring("monitoring-alert-evaluation", Schedules.fixedDelay(settings.interval()))
			.execute((instance, context) -> evaluation.evaluate());
	}

	@Bean
	NavigationItem ownAlertsLink() {
		return NavigationItem.forAuthority("Compute", "Alerts", AlertPagesController.OWN,
				OrganisationType.CUSTOMER.authority(), 315);
	}

	@Bean
	NavigationItem operatorAlertsLink() {
		return NavigationItem.forAuthority("Administration", "Alerts", AlertPagesController.ADMIN,
				OrganisationType.OPERATOR.authority(), 1035);
	}
}
