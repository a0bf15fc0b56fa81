package io.skyport.compute.guest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the simulated guest ({@code skyport.compute.guest-simulation.*}).
 *
 * @param threads simulations running at once (each makes four HTTP requests to this server, one after the other).
 * @param queueCapacity started machines waiting for a thread; beyond it a simulation is dropped (logged, counted).
 * @param requestTimeout the longest one request (connect included) may take.
 * @param deadline the longest one simulation may take, retries included.
 */
@ConfigurationProperties("skyport.compute.guest-simulation")
record GuestSimulationProperties(@DefaultValue("4") int threads, @DefaultValue("10000") int queueCapacity,
		@DefaultValue("5s") Duration requestTimeout, @DefaultValue("30s") Duration deadline) {

	GuestSimulationProperties {
		if (threads < 1 || queueCapacity < 1) {
			throw new IllegalArgumentException("skyport.compute.guest-simulation.threads and .queue-capacity must be "
					+ "at least 1.");
		}
	}
}
