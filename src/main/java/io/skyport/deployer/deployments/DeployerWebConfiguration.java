package io.skyport.deployer.deployments;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import io.skyport.platform.web.AuthorizationRules;
import io.skyport.platform.web.NavigationItem;

/** Deployments in the panel and their URL rules (the services check who may see which). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeployerSettings.class)
class DeployerWebConfiguration {

	@Bean
	AuthorizationRules deploymentAuthorizationRules() {
		return requests -> requests
			.requestMatchers(HttpMethod.POST, "/api/v1/deployments/*/retry", "/api/v1/deployments/*/rollback",
					"/panel/deployments/*/retry", "/panel/deployments/*/rollback")
			.hasRole("OPERATOR");
	}

	@Bean
	NavigationItem deploymentsLink() {
		return NavigationItem.forAuthority("Compute", "Deployments", "/panel/deployments", "ROLE_CUSTOMER", 305);
	}

	@Bean
	NavigationItem vendorDeploymentsLink() {
		return NavigationItem.forAuthority("Catalog", "Deployments", "/panel/deployments", "ROLE_VENDOR", 230);
	}

	@Bean
	NavigationItem allDeploymentsLink() {
		return NavigationItem.forAuthority("Administration", "Deployments", "/panel/deployments", "ROLE_OPERATOR", 1035);
	}
}
