package io.skyport.billing.invoicing;

import java.time.ZoneId;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
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
 * Invoicing's URL rules, control-panel links and the daily run's trigger. Runs and usage are for operators; invoices for every signed-in user
 * (the service shows each customer its own).
 */
@Configuration(proxyBeanMethods = false)
class InvoicingConfiguration {

	/** The daily invoice run, once per cluster; a server with {@code skyport.billing.run.cron=-} never runs it. */
	@Bean
	@ConditionalOnExpression("'${skyport.billing.run.cron:0 30 2 * * *}' != '-'")
	RecurringTask<Void> invoiceRunTask(InvoiceRunSchedule schedule, InvoicingSettings settings) {
		return Tasks.recurring("billing-invoice-run",
				Schedules.cron(settings.run().cron(), ZoneId.of(settings.run().zone())))
			.execute((instance, context) -> schedule.runDaily());
	}

	@Bean
	AuthorizationRules invoicingAuthorizationRules() {
		return requests -> requests
			.requestMatchers("/api/v1/billing/runs", "/api/v1/billing/runs/**", "/api/v1/billing/usage").hasRole("OPERATOR")
			.requestMatchers(HttpMethod.POST, "/api/v1/invoices/*/credit-note").hasRole("OPERATOR");
	}

	@Bean
	NavigationItem customerInvoicesLink() {
		return NavigationItem.forAuthority("Billing", "Invoices", "/panel/invoices",
				OrganisationType.CUSTOMER.authority(), 405);
	}

	@Bean
	NavigationItem allInvoicesLink() {
		return NavigationItem.forAuthority("Administration", "Invoices", "/panel/admin/invoices",
				OrganisationType.OPERATOR.authority(), 1055);
	}

	@Bean
	NavigationItem invoiceRunsLink() {
		return NavigationItem.forAuthority("Administration", "Invoice runs", "/panel/admin/billing/runs",
				OrganisationType.OPERATOR.authority(), 1056);
	}
}
