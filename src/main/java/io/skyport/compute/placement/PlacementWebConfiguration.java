package io.skyport.compute.placement;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.skyport.platform.web.AuthorizationRules;
import io.skyport.platform.web.NavigationItem;

/**
 * Placement's URL rules (operators only) and its page in the control panel.
 */
@Configuration(proxyBeanMethods = false)
class PlacementWebConfiguration {

	@Bean
	AuthorizationRules placementAuthorizationRules() {
		return requests -> requests
			.requestMatchers("/api/v1/compute/placements/**", "/api/v1/compute/regions", "/api/v1/compute/regions/**")
			.hasRole("OPERATOR");
	}

	@Bean
	NavigationItem capacityPlanningLink() {
		return NavigationItem.forAuthority("Administration", "Capacity planning", "/panel/admin/capacity",
				"ROLE_OPERATOR", 1040);
	}
}
