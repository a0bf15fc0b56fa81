package io.skyport.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import io.skyport.platform.web.AuthorizationRules;

/**
 * The catalog's URL rules: browsing is public, changing needs the right organisation type (services check
 * ownership).
 */
@Configuration(proxyBeanMethods = false)
class CatalogWebConfiguration {

	@Bean
	AuthorizationRules catalogAuthorizationRules() {
		return requests -> requests
			.requestMatchers(HttpMethod.GET, "/api/v1/products", "/api/v1/products/*", "/api/v1/products/*/reviews",
					"/api/v1/categories")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/api/v1/products", "/api/v1/catalog/imports").hasRole("VENDOR")
			.requestMatchers("/panel/vendor/**").hasAnyRole("VENDOR", "OPERATOR");
	}
}
