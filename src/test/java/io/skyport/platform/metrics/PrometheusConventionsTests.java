package io.skyport.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.skyport.testing.Promtool;

/**
 * The conventions hold for meters nobody wrote a description or a Prometheus-friendly name for: what a new library
 * would register still passes {@code promtool check metrics}.
 */
class PrometheusConventionsTests {

	private final PrometheusMeterRegistry registry = registry();

	@Test
	void a_meter_without_description_gets_help_text_and_camel_case_becomes_snake_case() {
		Counter.builder("some.library.PlainHTTPEvents").register(registry).increment();
		Timer.builder("http.server.requests").tag("uri", "/x").register(registry);

		String scrape = registry.scrape();

		assertThat(scrape).contains("# HELP some_library_plain_http_events_total " + MeterDescriptions.FALLBACK_PREFIX
				+ "some.library.plain_http_events")
			.contains("# HELP http_server_requests_seconds HTTP requests this server answered")
			.doesNotContain("PlainHTTPEvents");
	}

	@Test
	void what_a_careless_library_registers_passes_promtool() {
		Promtool promtool = Promtool.find();
		assumeTrue(promtool != null, () -> "promtool cannot be installed here: " + Promtool.unavailableBecause());
		Counter.builder("vendor.cacheHits").tag("cacheName", "x").register(registry).increment();
		Timer.builder("vendor.calls").register(registry);
		Gauge.builder("system.cpu.count", () -> 2).register(registry);
		Counter.builder("spring.security.filterchains.SomeFilter.before").register(registry).increment();

		Promtool.Verdict verdict = promtool.checkMetrics(registry.scrape());

		assertThat(verdict.passed()).as("promtool said:%n%s", verdict.output()).isTrue();
		assertThat(registry.scrape()).contains("system_cpu_processors").doesNotContain("SomeFilter")
			.doesNotContain("some_filter");
	}

	@Test
	void the_jvm_times_are_in_seconds() {
		new PrometheusConventions().timesInSeconds().bindTo(registry);
		new io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics().bindTo(registry);

		String scrape = registry.scrape();

		assertThat(scrape).contains("jvm_compilation_time_seconds_total").contains("process_cpu_seconds_total")
			.doesNotContain("_ms_total").doesNotContain("_ns_total");
	}

	private static PrometheusMeterRegistry registry() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		PrometheusConventions conventions = new PrometheusConventions();
		registry.config()
			.meterFilter(conventions.prometheusNames())
			.meterFilter(conventions.meterDescriptions())
			.meterFilter(conventions.withoutAbbreviatedUnitsOrFilterEvents());
		return registry;
	}
}
