package io.skyport.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import io.skyport.platform.web.AuthorizationRules;

/** Public media is public. */
@Configuration(proxyBeanMethods = false)
class StorageWebConfiguration {

	@Bean
	AuthorizationRules storageAuthorizationRules() {
		return requests -> requests.requestMatchers(HttpMethod.GET, "/media/public/**").permitAll();
	}
}
