package io.skyport.billing.payments;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import io.skyport.accounts.OrganisationType;
import io.skyport.platform.web.AuthorizationRules;
import io.skyport.platform.web.NavigationItem;

/**
 * Payments' URL rules, panel links and the dunning job: a recurring task, once per cluster, every
 * {@code skyport.billing.dunning.interval}; a server with {@code skyport.billing.dunning.enabled=false} never runs it.
 */
@Configuration(proxyBeanMethods = false)
class PaymentsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(PaymentsConfiguration.class);

	@Bean
	@ConditionalOnBooleanProperty(name = "skyport.billing.dunning.enabled", matchIfMissing = true)
	RecurringTask<Void> dunningTask(Dunning dunning, DunningSettings settings) {
		return Tasks.recurring("billing-dunning", Schedules.fixedDelay(settings.interval()))
			.execute((instance, context) -> runDunning(dunning));
	}

	private static void runDunning(Dunning dunning) {
		try {
			Dunning.Report report = dunning.run();
			if (!report.steps().isEmpty() || report.failures() > 0) {
				log.info("Dunning as of {}: steps {}, {} failed", report.asOf(), report.steps(), report.failures());
			}
		}
		catch (RuntimeException ex) {
			log.error("The dunning job failed; the next one tries again", ex);
		}
	}

	@Bean
	AuthorizationRules paymentsAuthorizationRules() {
		return requests -> requests
			.requestMatchers(HttpMethod.POST, "/api/v1/invoices/*/payments").hasRole("OPERATOR");
	}

	@Bean
	NavigationItem paymentsLink() {
		return NavigationItem.forAuthority("Administration", "Payments", "/panel/admin/payments",
				OrganisationType.OPERATOR.authority(), 1057);
	}

	@Bean
	NavigationItem dunningLink() {
		return NavigationItem.forAuthority("Administration", "Dunning", "/panel/admin/dunning",
				OrganisationType.OPERATOR.authority(), 1058);
	}
}
