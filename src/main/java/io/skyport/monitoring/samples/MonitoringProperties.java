package io.skyport.monitoring.samples;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of monitoring ({@code skyport.monitoring.*}).
 *
 * @param enabled run collection, rollups, retention and bandwidth billing on their schedules (one server of the
 *        cluster at a time); tests run them themselves.
 * @param interval how often every running instance and node is read.
 * @param nodeTimeout how long a round waits for one node's answer: a slower node misses the round, the others do not
 *        wait for it.
 * @param threads how many nodes are read at the same time.
 * @param maxPoints the most points one series request may return.
 */
@ConfigurationProperties("skyport.monitoring")
public record MonitoringProperties(@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration interval,
		@DefaultValue("10s") Duration nodeTimeout, @DefaultValue("8") int threads,
		@DefaultValue("2000") int maxPoints, @DefaultValue Retention retention) {

	/**
	 * How long each resolution is kept.
	 *
	 * @param raw raw samples (one per interval).
	 * @param minutes 1-minute aggregates.
	 * @param hours 1-hour aggregates.
	 */
	public record Retention(@DefaultValue("24h") Duration raw, @DefaultValue("14d") Duration minutes,
			@DefaultValue("395d") Duration hours) {
	}
}
