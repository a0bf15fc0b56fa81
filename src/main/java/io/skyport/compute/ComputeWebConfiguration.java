package io.skyport.compute;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import io.skyport.platform.web.AuthorizationRules;
import io.skyport.platform.web.NavigationItem;

/**
 * Compute's place in the control panel and its URL rules.
 */
@Configuration(proxyBeanMethods = false)
class ComputeWebConfiguration {

	@Bean
	AuthorizationRules computeAuthorizationRules() {
		return requests -> requests.requestMatchers(HttpMethod.GET, "/api/v1/images").permitAll()
			.requestMatchers("/api/v1/images", "/api/v1/images/**").hasRole("OPERATOR");
	}

	@Bean
	NavigationItem serverTypesLink() {
		return NavigationItem.forAuthority("Administration", "Server types", "/panel/admin/server-types",
				"ROLE_OPERATOR", 1025);
	}

	@Bean
	NavigationItem imagesLink() {
		return NavigationItem.forAuthority("Administration", "Images", "/panel/admin/images", "ROLE_OPERATOR", 1020);
	}
}
