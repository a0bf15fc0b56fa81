package io.skyport.compute.drift;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.skyport.platform.web.AuthorizationRules;
import io.skyport.platform.web.NavigationItem;

/** The drift report's URL rules (operators only) and its panel link. */
@Configuration(proxyBeanMethods = false)
class DriftWebConfiguration {

	static final String API = "/api/v1/compute/drift";
	static final String PAGE = "/panel/admin/drift";

	@Bean
	AuthorizationRules driftAuthorizationRules() {
		return requests -> requests.requestMatchers(API).hasRole("OPERATOR");
	}

	@Bean
	NavigationItem driftLink() {
		return NavigationItem.forAuthority("Administration", "Drift", PAGE, "ROLE_OPERATOR", 1045);
	}
}
