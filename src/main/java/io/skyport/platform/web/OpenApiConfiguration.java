package io.skyport.platform.web;

import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document's title and its security: every operation takes a personal API token unless it says
 * otherwise (sign-up, token creation).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI skyportOpenApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return new OpenAPI()
			.info(new Info().title("Skyport API")
				.version(properties == null ? "dev" : properties.getVersion())
				.description("Marketplace and IaaS. Authenticate with a personal API token: create one with "
						+ "POST /api/v1/auth/tokens or in the control panel, then send Authorization: Bearer <token>."))
			.components(new Components().addSecuritySchemes("token",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("skp_…")))
			.addSecurityItem(new SecurityRequirement().addList("token"));
	}
}
