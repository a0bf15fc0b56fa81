package io.skyport.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.api.ApiOperation;
import io.skyport.testing.api.ApiOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document matches the code, so a client generated from it works: every REST endpoint is in it with the
 * content type it really takes and a stable, unique operation id.
 */
@SkyportIntegrationTest
class OpenApiDocumentTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void every_operation_has_a_unique_operation_id_a_client_can_use_as_a_method_name() {
		List<ApiOperation> operations = ApiOperations.of(mvc, json);

		assertThat(operations).allSatisfy(operation -> assertThat(operation.operationId()).as(operation.key())
			.matches("[a-z][A-Za-z0-9]*"));
		assertThat(operations.stream().collect(Collectors.groupingBy(ApiOperation::operationId, Collectors.counting())))
			.allSatisfy((id, count) -> assertThat(count).as(id).isOne());
		assertThat(byKey(operations)).containsKey("GET /api/v1/projects/{id}");
		assertThat(byKey(operations).get("GET /api/v1/projects/{id}").operationId()).isEqualTo("getProject");
	}

	@Test
	void every_rest_endpoint_is_documented_with_the_content_type_it_takes() {
		Map<String, ApiOperation> documented = byKey(ApiOperations.of(mvc, json));

		mappings.getHandlerMethods().forEach((mapping, handler) -> {
			if (!handler.getBeanType().isAnnotationPresent(RestController.class)) {
				return;
			}
			for (String key : keys(mapping)) {
				ApiOperation operation = documented.get(key);
				assertThat(operation).as("%s (%s) is missing from /v3/api-docs", key, handler).isNotNull();
				if (takesFiles(handler)) {
					assertThat(operation.requestBody()).as(key).hasValueSatisfying(
							body -> assertThat(body.contentType()).isEqualTo(MediaType.MULTIPART_FORM_DATA_VALUE));
				}
				else if (takesStream(handler)) {
					assertThat(operation.requestBody()).as(key).hasValueSatisfying(
							body -> assertThat(body.contentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM_VALUE));
				}
				else {
					operation.requestBody().ifPresent(body -> assertThat(body.isJson()).as(key).isTrue());
				}
			}
		});
		assertThat(documented.get("POST /api/v1/catalog/imports").requestBody().orElseThrow().schema()
			.at("/properties/file/format").asString()).isEqualTo("binary");
	}

	private static boolean takesFiles(HandlerMethod handler) {
		return java.util.Arrays.stream(handler.getMethodParameters())
			.anyMatch(parameter -> MultipartFile.class.isAssignableFrom(parameter.getParameterType()));
	}

	/** A raw body streamed to the handler (an image upload). */
	private static boolean takesStream(HandlerMethod handler) {
		return java.util.Arrays.stream(handler.getMethodParameters())
			.anyMatch(parameter -> java.io.InputStream.class.isAssignableFrom(parameter.getParameterType()));
	}

	private static List<String> keys(RequestMappingInfo mapping) {
		return mapping.getPatternValues().stream()
			.filter(path -> path.startsWith("/api/"))
			.flatMap(path -> mapping.getMethodsCondition().getMethods().stream().map(method -> method.name() + " " + path))
			.toList();
	}

	private static Map<String, ApiOperation> byKey(List<ApiOperation> operations) {
		return operations.stream().collect(Collectors.toMap(ApiOperation::key, Function.identity()));
	}
}
