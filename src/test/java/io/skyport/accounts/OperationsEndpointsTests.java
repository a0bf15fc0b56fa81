package io.skyport.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.client.RestClient;

import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * What operators and monitoring use: health with the database and object storage, build info, Prometheus metrics
 * for operators only, the OpenAPI document, and error pages for people.
 */
@SkyportIntegrationTest
class OperationsEndpointsTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Registration registration;

	@Autowired
	ApiTokenService tokens;

	@LocalServerPort
	int port;

	@Test
	void health_is_public_and_operators_see_the_database_check() {
		assertThat(mvc.get().uri("/actuator/health")).hasStatusOk()
			.bodyJson().extractingPath("$.status").isEqualTo("UP");
		assertThat(mvc.get().uri("/actuator/health").header(HttpHeaders.AUTHORIZATION, "Bearer " + operatorToken()))
			.hasStatusOk()
			.bodyJson().extractingPath("$.components.db.status").isEqualTo("UP");
	}

	@Test
	void operators_see_the_object_storage_check() {
		var health = assertThat(mvc.get().uri("/actuator/health")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + operatorToken())).hasStatusOk().bodyJson();

		health.extractingPath("$.components.storage.status").isEqualTo("UP");
		health.extractingPath("$.components.storage.details.type").isEqualTo("local");
	}

	@Test
	void info_tells_the_build() {
		assertThat(mvc.get().uri("/actuator/info")).hasStatusOk()
			.bodyJson().extractingPath("$.build.artifact").isEqualTo("skyport");
	}

	@Test
	void prometheus_metrics_are_for_operators_only() {
		assertThat(mvc.get().uri("/actuator/prometheus")).hasStatus(401);
		assertThat(mvc.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + customerToken()))
			.hasStatus(403);
		assertThat(mvc.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + operatorToken()))
			.hasStatusOk()
			.body().asString().contains("jvm_memory_used_bytes").contains("hikaricp_connections_active");
	}

	@Test
	void the_openapi_document_lists_the_api_and_its_token_scheme() {
		assertThat(mvc.get().uri("/v3/api-docs")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.paths['/api/v1/ssh-keys']", path -> assertThat(path).isNotNull())
			.hasPathSatisfying("$.paths['/api/v1/auth/tokens']", path -> assertThat(path).isNotNull())
			.extractingPath("$.components.securitySchemes.token.scheme").isEqualTo("bearer");
		assertThat(mvc.get().uri("/swagger-ui/index.html")).hasStatusOk();
	}

	@Test
	void people_get_friendly_error_pages() {
		RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
			.defaultHeader(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();

		ResponseEntity<String> missing = http.get().uri("/no/such/page").retrieve().toEntity(String.class);

		assertThat(missing.getStatusCode().value()).isEqualTo(404);
		assertThat(missing.getHeaders().getContentType()).isNotNull()
			.matches(type -> type.isCompatibleWith(MediaType.TEXT_HTML));
		assertThat(missing.getBody()).contains("We couldn't find that page").contains("Go to the storefront");
		assertThat(http.get().uri("/error").retrieve().toEntity(String.class).getStatusCode().value())
			.as("asked for directly, /error has no error to show").isEqualTo(404);
	}

	private String operatorToken() {
		CurrentUser operator = registration.createOperator("Ops", "Otto", TestData.uniqueEmail(), TestData.PASSWORD);
		return tokens.issue(operator.userId(), "monitoring").secret();
	}

	private String customerToken() {
		Registration.AccountCreated customer = (Registration.AccountCreated) registration.signUp(
				new Registration.SignupCommand(OrganisationType.CUSTOMER, null, "Carl", TestData.uniqueEmail(),
						TestData.PASSWORD, null));
		return tokens.issue(customer.user().userId(), "x").secret();
	}
}
