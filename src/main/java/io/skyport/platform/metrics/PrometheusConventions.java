package io.skyport.platform.metrics;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Holds every meter to what {@code promtool check metrics} checks, at the source, so a new meter cannot break the
 * endpoint: every meter gets help text ({@link MeterDescriptions}), snake_case names ({@link PrometheusNames}), and
 * the two JVM counters Micrometer keeps in milliseconds and nanoseconds are replaced by ones in seconds
 * ({@code jvm_compilation_time_seconds_total}, {@code process_cpu_seconds_total}, the name Prometheus' own clients
 * use). The per-filter event counters of Spring Security's filter chain observation
 * ({@code spring.security.filterchains.<filter>.before|after}, two per filter and request, the same number for every
 * filter) are left out: {@code spring_security_filterchains_seconds} already counts and times those requests.
 */
@Configuration(proxyBeanMethods = false)
class PrometheusConventions {

	static final String COMPILATION_TIME = "jvm.compilation.time";
	static final String PROCESS_CPU_TIME = "process.cpu.time";
	static final String PROCESS_CPU = "process.cpu";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	MeterFilter prometheusNames() {
		return new PrometheusNames();
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	MeterFilter meterDescriptions() {
		return new MeterDescriptions();
	}

	@Bean
	MeterFilter withoutAbbreviatedUnitsOrFilterEvents() {
		return MeterFilter.deny(PrometheusConventions::denied);
	}

	static boolean denied(Meter.Id id) {
		String name = id.getName();
		if (name.equals(PROCESS_CPU_TIME) || name.equals(COMPILATION_TIME) && !"seconds".equals(id.getBaseUnit())) {
			return true;
		}
		return name.startsWith("spring.security.filterchains.") && (name.endsWith(".before") || name.endsWith(".after"));
	}

	/** The JVM's compilation time and the process's CPU time, in seconds. */
	@Bean
	MeterBinder timesInSeconds() {
		return registry -> {
			CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
			if (compilation != null && compilation.isCompilationTimeMonitoringSupported()) {
				FunctionCounter.builder(COMPILATION_TIME, compilation, bean -> bean.getTotalCompilationTime() / 1e3)
					.description("The approximate accumulated elapsed time spent in compilation")
					.tag("compiler", compilation.getName())
					.baseUnit("seconds")
					.register(registry);
			}
			OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
			if (system instanceof com.sun.management.OperatingSystemMXBean process && process.getProcessCpuTime() >= 0) {
				FunctionCounter.builder(PROCESS_CPU, process, bean -> bean.getProcessCpuTime() / 1e9)
					.description("CPU time used by the Java process, all threads")
					.baseUnit("seconds")
					.register(registry);
			}
		};
	}
}
