package io.skyport.testing.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.skyport.testing.api.ApiOperation.Body;
import io.skyport.testing.api.ApiOperation.Parameter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operations of the running application's OpenAPI document ({@code /v3/api-docs}): what the generated
 * authorisation and robustness tests iterate over, so an endpoint added later is covered without anyone listing it.
 */
public final class ApiOperations {

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

	private ApiOperations() {
	}

	/** Reads the document from the application behind {@code mvc}; sorted by path, then method. */
	public static List<ApiOperation> of(MockMvcTester mvc, JsonMapper json) {
		byte[] document = mvc.get().uri("/v3/api-docs").exchange().getResponse().getContentAsByteArray();
		return parse(json.readTree(document));
	}

	static List<ApiOperation> parse(JsonNode document) {
		List<ApiOperation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			JsonNode pathItem = resolve(document, path.getValue());
			List<JsonNode> shared = list(pathItem.path("parameters"));
			for (Map.Entry<String, JsonNode> entry : pathItem.properties()) {
				if (!METHODS.contains(entry.getKey())) {
					continue;
				}
				JsonNode operation = entry.getValue();
				String method = entry.getKey().toUpperCase(Locale.ROOT);
				List<Parameter> parameters = new ArrayList<>();
				for (JsonNode parameter : concat(shared, list(operation.path("parameters")))) {
					JsonNode resolved = resolve(document, parameter);
					parameters.add(new Parameter(resolved.path("name").asString(), resolved.path("in").asString(),
							resolved.path("required").asBoolean(false), inline(document, resolved.path("schema"), 0)));
				}
				operations.add(new ApiOperation(method, path.getKey(), method + " " + path.getKey(),
						operation.hasNonNull("operationId") ? operation.get("operationId").asString() : null,
						List.copyOf(parameters), body(document, operation.path("requestBody"))));
			}
		}
		operations.sort(Comparator.comparing(ApiOperation::path).thenComparing(ApiOperation::method));
		return List.copyOf(operations);
	}

	private static Body body(JsonNode document, JsonNode requestBody) {
		if (requestBody.isMissingNode() || requestBody.isNull()) {
			return null;
		}
		JsonNode resolved = resolve(document, requestBody);
		Map.Entry<String, JsonNode> content = resolved.path("content").properties().stream().findFirst().orElse(null);
		if (content == null) {
			return null;
		}
		return new Body(content.getKey(), resolved.path("required").asBoolean(false),
				inline(document, content.getValue().path("schema"), 0));
	}

	/** The schema with {@code $ref}s replaced by what they point at (recursive schemas cut off after a few levels). */
	private static JsonNode inline(JsonNode document, JsonNode schema, int depth) {
		JsonNode resolved = resolve(document, schema);
		if (!resolved.isObject() || depth > 8) {
			return resolved;
		}
		ObjectNode copy = ((ObjectNode) resolved).deepCopy();
		for (String nested : List.of("items", "additionalProperties")) {
			if (copy.get(nested) != null && copy.get(nested).isObject()) {
				copy.set(nested, inline(document, copy.get(nested), depth + 1));
			}
		}
		if (copy.get("properties") instanceof ObjectNode properties) {
			for (Map.Entry<String, JsonNode> property : List.copyOf(properties.properties())) {
				properties.set(property.getKey(), inline(document, property.getValue(), depth + 1));
			}
		}
		for (String combined : List.of("allOf", "oneOf", "anyOf")) {
			if (copy.get(combined) != null && copy.get(combined).isArray()) {
				var array = copy.putArray(combined);
				for (JsonNode part : list(resolved.get(combined))) {
					array.add(inline(document, part, depth + 1));
				}
			}
		}
		return copy;
	}

	private static JsonNode resolve(JsonNode document, JsonNode node) {
		JsonNode current = node;
		for (int hops = 0; current.hasNonNull("$ref") && hops < 10; hops++) {
			String ref = current.get("$ref").asString();
			if (!ref.startsWith("#/")) {
				throw new IllegalStateException("Only local references are supported: " + ref);
			}
			current = document.at(ref.substring(1));
		}
		return current;
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> nodes = new ArrayList<>();
		if (array != null && array.isArray()) {
			array.forEach(nodes::add);
		}
		return nodes;
	}

	private static List<JsonNode> concat(List<JsonNode> first, List<JsonNode> second) {
		List<JsonNode> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}
}
