package io.skyport.compute.nocloud;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.skyport.platform.web.AuthorizationRules;

/**
 * The data source's URL rule. {@link NoCloudEndpoint} answers {@code /nocloud/**} before Spring Security runs; the
 * rule states the same for the record: these URLs are public, the token in the path is the credential.
 */
@Configuration(proxyBeanMethods = false)
class NoCloudWebConfiguration {

	@Bean
	AuthorizationRules noCloudAuthorizationRules() {
		return requests -> requests.requestMatchers("/nocloud/**").permitAll();
	}
}
