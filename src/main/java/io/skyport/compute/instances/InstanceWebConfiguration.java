package io.skyport.compute.instances;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import io.skyport.platform.web.AuthorizationRules;
import io.skyport.platform.web.NavigationItem;

/** Instances and projects in the control panel, and their URL rules (services check ownership). */
@Configuration(proxyBeanMethods = false)
class InstanceWebConfiguration {

	@Bean
	AuthorizationRules instanceAuthorizationRules() {
		return requests -> requests.requestMatchers(HttpMethod.GET, "/api/v1/instances/*/domain-xml")
			.hasRole("OPERATOR")
			.requestMatchers("/api/v1/projects", "/api/v1/projects/**", "/panel/projects", "/panel/projects/**")
			.hasRole("CUSTOMER");
	}

	@Bean
	NavigationItem instancesLink() {
		return NavigationItem.forAuthority("Compute", "Instances", "/panel/instances", "ROLE_CUSTOMER", 300);
	}

	@Bean
	NavigationItem projectsLink() {
		return NavigationItem.forAuthority("Compute", "Projects", "/panel/projects", "ROLE_CUSTOMER", 310);
	}

	@Bean
	NavigationItem allInstancesLink() {
		return NavigationItem.forAuthority("Administration", "Instances", "/panel/admin/instances", "ROLE_OPERATOR", 1030);
	}
}
