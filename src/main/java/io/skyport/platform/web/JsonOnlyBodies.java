package io.skyport.platform.web;

import java.util.List;
import java.util.Set;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request and response bodies are JSON only, as the OpenAPI document says. Libraries on the class path (Jackson's XML
 * and YAML formats, which JasperReports and the catalog import bring) would otherwise make Spring MVC read XML, YAML,
 * CBOR and Smile bodies too: undocumented, bypassing the checks {@link JsonInputConfiguration} puts on JSON, and
 * binding an XML document to a command with every field {@code null}. Such a body is now a 415.
 */
@Configuration(proxyBeanMethods = false)
class JsonOnlyBodies implements WebMvcConfigurer {

	private static final Set<String> OTHER_FORMATS = Set.of("xml", "yaml", "x-yaml", "cbor", "smile", "x-jackson-smile");

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.configureMessageConvertersList(converters -> converters.removeIf(JsonOnlyBodies::otherFormat));
	}

	private static boolean otherFormat(HttpMessageConverter<?> converter) {
		List<MediaType> types = converter.getSupportedMediaTypes();
		return !types.isEmpty() && types.stream().allMatch(type -> OTHER_FORMATS.contains(type.getSubtype())
				|| type.getSubtype().endsWith("+xml") || type.getSubtype().endsWith("+yaml"));
	}
}
