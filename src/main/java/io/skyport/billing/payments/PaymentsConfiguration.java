package io.skyport.billing.payments;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import io.skyport.accounts.OrganisationType;
import io.skyport.platform.web.AuthorizationRules;
import io.skyport.platform.web.NavigationItem;

/**
 * Payments' URL rules, panel links and the dunning job ({@code skyport.billing.dunning.interval}, first run one
 * interval after start-up; {@code skyport.billing.dunning.enabled=false} turns it off).
 */
@Configuration(proxyBeanMethods = false)
class PaymentsConfiguration implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(PaymentsConfiguration.class);

	private final Dunning dunning;
	private final DunningSettings settings;
	private final AtomicBoolean running = new AtomicBoolean();

	PaymentsConfiguration(Dunning dunning, DunningSettings settings) {
		this.dunning = dunning;
		this.settings = settings;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		if (settings.enabled()) {
			registrar.addFixedDelayTask(new org.springframework.scheduling.config.FixedDelayTask(this::runDunning,
					settings.interval(), settings.interval()));
		}
	}

	private void runDunning() {
		if (!running.compareAndSet(false, true)) {
			return;
		}
		try {
			Dunning.Report report = dunning.run();
			if (!report.steps().isEmpty() || report.failures() > 0) {
				log.info("Dunning as of {}: steps {}, {} failed", report.asOf(), report.steps(), report.failures());
			}
		}
		catch (RuntimeException ex) {
			log.error("The dunning job failed; the next one tries again", ex);
		}
		finally {
			running.set(false);
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
