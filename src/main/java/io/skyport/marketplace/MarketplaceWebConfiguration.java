package io.skyport.marketplace;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import io.skyport.platform.web.AuthorizationRules;
import io.skyport.platform.web.NavigationItem;

/**
 * The marketplace's URL rules and control-panel links.
 */
@Configuration(proxyBeanMethods = false)
class MarketplaceWebConfiguration {

	@Bean
	AuthorizationRules marketplaceAuthorizationRules() {
		return requests -> requests
			.requestMatchers(HttpMethod.POST, "/products/*/reviews", "/m/*/products/*/reviews").authenticated()
			.requestMatchers("/panel/reseller/**", "/api/v1/reseller/**").hasRole("RESELLER");
	}

	@Bean
	NavigationItem storefrontLink() {
		return NavigationItem.forAuthority("Storefront", "My storefront", "/panel/reseller/storefront", "ROLE_RESELLER", 300);
	}

	@Bean
	NavigationItem marketplaceLink() {
		return NavigationItem.forEveryone("Overview", "Marketplace", "/", 10);
	}
}
