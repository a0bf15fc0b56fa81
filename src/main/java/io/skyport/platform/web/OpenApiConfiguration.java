package io.skyport.platform.web;

import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springdoc.core.customizers.GlobalOperationCustomizer;

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

	/**
	 * Operation ids a generated client can use as method names: the controller method's name where it is unique
	 * among the API's controllers ({@code importCatalog}), else the name and the resource ({@code getProject}) —
	 * never springdoc's {@code get_3}, which changes when an endpoint is added.
	 */
	@Bean
	GlobalOperationCustomizer readableOperationIds(
			@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
		return (operation, handler) -> {
			String name = handler.getMethod().getName();
			long sameName = mappings.getHandlerMethods().values().stream()
				.filter(other -> other.getBeanType().isAnnotationPresent(RestController.class))
				.filter(other -> other.getMethod().getName().equals(name))
				.map(HandlerMethod::getMethod)
				.distinct()
				.count();
			return operation.operationId(sameName <= 1 ? name : name + resourceOf(handler.getBeanType()));
		};
	}

	/** {@code ProjectApiController} → {@code Project}. */
	private static String resourceOf(Class<?> controller) {
		return controller.getSimpleName().replaceFirst("(Api)?Controller$", "");
	}
}
