package io.skyport.testing.api;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * One operation of the live OpenAPI document, with every {@code $ref} of its parameters and body already resolved.
 *
 * @param method upper-case HTTP method, e.g. {@code POST}
 * @param path the path template, e.g. {@code /api/v1/projects/{id}}
 * @param key {@code "POST /api/v1/projects/{id}"}: how the authorisation and robustness declarations name it
 */
public record ApiOperation(String method, String path, String key, @Nullable String operationId,
		List<Parameter> parameters, @Nullable Body body) {

	/** @param in {@code path}, {@code query}, {@code header} or {@code cookie} */
	public record Parameter(String name, String in, boolean required, JsonNode schema) {
	}

	/** @param contentType e.g. {@code application/json} or {@code multipart/form-data} */
	public record Body(String contentType, boolean required, JsonNode schema) {

		public boolean isJson() {
			return contentType.contains("json");
		}

		public boolean isMultipart() {
			return contentType.startsWith("multipart/");
		}
	}

	public List<Parameter> parameters(String in) {
		return parameters.stream().filter(parameter -> parameter.in().equals(in)).toList();
	}

	public Optional<Body> requestBody() {
		return Optional.ofNullable(body);
	}

	/** The path with each {@code {name}} replaced by the value the function gives for it. */
	public String expand(java.util.function.Function<String, String> values) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
		StringBuilder expanded = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(expanded, java.util.regex.Matcher.quoteReplacement(values.apply(matcher.group(1))));
		}
		matcher.appendTail(expanded);
		return expanded.toString();
	}

	@Override
	public String toString() {
		return key;
	}
}
