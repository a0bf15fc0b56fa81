package io.skyport.platform.metrics;

import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives every meter without a description one, so each family on {@code /actuator/prometheus} has its {@code # HELP}
 * line ({@code promtool check metrics} insists). Meters of Spring's observations (HTTP requests, Spring Security)
 * and Tomcat's sessions get a written description; any other meter a library registers without one gets
 * {@value #FALLBACK_PREFIX} and its name, so a new library meter cannot take the help text away. Skyport's own meters
 * ({@code skyport.*}) describe themselves; a test fails when one relies on the fallback.
 */
final class MeterDescriptions implements MeterFilter {

	static final String FALLBACK_PREFIX = "Recorded by a library without a description: ";

	private static final Map<String, String> KNOWN = Map.ofEntries(
			Map.entry("http.server.requests", "HTTP requests this server answered, by method, URI template, status and outcome"),
			Map.entry("http.server.requests.active", "HTTP requests this server is answering now"),
			Map.entry("http.client.requests", "HTTP requests this server made, by method, host, status and outcome"),
			Map.entry("http.client.requests.active", "HTTP requests this server is making now"),
			Map.entry("spring.security.authorizations", "Authorization decisions of Spring Security"),
			Map.entry("spring.security.authorizations.active", "Authorization decisions of Spring Security in progress"),
			Map.entry("spring.security.authentications", "Authentication attempts through Spring Security"),
			Map.entry("spring.security.authentications.active", "Authentication attempts in progress"),
			Map.entry("spring.security.filterchains", "Requests passing through Spring Security's filter chains"),
			Map.entry("spring.security.filterchains.active", "Requests in Spring Security's filter chains now"),
			Map.entry("spring.security.http.secured.requests", "Requests handled inside Spring Security's secured area"),
			Map.entry("spring.security.http.secured.requests.active", "Requests inside Spring Security's secured area now"),
			Map.entry("spring.security.http.unsecured.requests", "Requests that no security filter chain matched"),
			Map.entry("spring.security.http.unsecured.requests.active", "Requests outside every security filter chain now"),
			Map.entry("tasks.scheduled.execution", "Executions of @Scheduled methods, by method and outcome"),
			Map.entry("tasks.scheduled.execution.active", "Executions of @Scheduled methods running now"),
			Map.entry("tomcat.sessions.active.current", "HTTP sessions Tomcat holds now"),
			Map.entry("tomcat.sessions.active.max", "Most HTTP sessions Tomcat held at once"),
			Map.entry("tomcat.sessions.alive.max", "Longest time an expired HTTP session had been alive"),
			Map.entry("tomcat.sessions.created", "HTTP sessions created"),
			Map.entry("tomcat.sessions.expired", "HTTP sessions that expired"),
			Map.entry("tomcat.sessions.rejected", "HTTP sessions refused because the most active sessions were reached"));

	@Override
	public Meter.Id map(Meter.Id id) {
		String description = id.getDescription();
		if (description != null && !description.isBlank()) {
			return id;
		}
		return new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()),
				id.getBaseUnit(), describe(id.getName()), id.getType());
	}

	static String describe(String name) {
		String known = KNOWN.get(name);
		return known != null ? known : FALLBACK_PREFIX + name;
	}
}
