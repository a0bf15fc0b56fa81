package io.skyport.billing.subscriptions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.skyport.accounts.OrganisationType;
import io.skyport.platform.web.AuthorizationRules;
import io.skyport.platform.web.NavigationItem;

/**
 * Billing's URL rules and control-panel links. The order page needs a signed-in user: an anonymous visitor is sent
 * to sign in and comes back to it. Services check the organisation type and ownership.
 */
@Configuration(proxyBeanMethods = false)
class BillingWebConfiguration {

	@Bean
	AuthorizationRules billingAuthorizationRules() {
		return requests -> requests.requestMatchers("/order", "/order/**").authenticated();
	}

	@Bean
	NavigationItem customerSubscriptionsLink() {
		return NavigationItem.forAuthority("Billing", "Subscriptions", "/panel/subscriptions",
				OrganisationType.CUSTOMER.authority(), 400);
	}

	@Bean
	NavigationItem billingDetailsLink() {
		return NavigationItem.forAuthority("Billing", "Billing details", "/panel/billing/details",
				OrganisationType.CUSTOMER.authority(), 410);
	}

	@Bean
	NavigationItem vendorSubscriptionsLink() {
		return NavigationItem.forAuthority("Catalog", "Subscriptions", "/panel/vendor/subscriptions",
				OrganisationType.VENDOR.authority(), 210);
	}

	@Bean
	NavigationItem resellerSubscriptionsLink() {
		return NavigationItem.forAuthority("Storefront", "Subscriptions", "/panel/reseller/subscriptions",
				OrganisationType.RESELLER.authority(), 310);
	}

	@Bean
	NavigationItem allSubscriptionsLink() {
		return NavigationItem.forAuthority("Administration", "Subscriptions", "/panel/admin/subscriptions",
				OrganisationType.OPERATOR.authority(), 1050);
	}
}
