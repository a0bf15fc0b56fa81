package io.skyport.platform;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans every module shares.
 */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

	/** The one clock: inject it instead of calling {@code Instant.now()}, so tests can move time. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}
}
