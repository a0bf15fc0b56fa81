package io.skyport.billing.invoicing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import io.skyport.accounts.OrganisationType;
import io.skyport.platform.web.AuthorizationRules;
import io.skyport.platform.web.NavigationItem;

/**
 * Invoicing's URL rules and control-panel links. Runs and usage are for operators; invoices for every signed-in user
 * (the service shows each customer its own).
 */
@Configuration(proxyBeanMethods = false)
class InvoicingConfiguration {

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
