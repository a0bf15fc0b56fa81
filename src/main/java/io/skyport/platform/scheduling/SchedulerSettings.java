package io.skyport.platform.scheduling;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code skyport.scheduler.*}.
 *
 * @param enabled whether this server executes tasks; when {@code false} it still schedules them (for other servers).
 * @param threads executions running at once on this server.
 * @param pollingInterval how often the table is read for due executions (work scheduled on this server for "now"
 *        runs without waiting for it).
 * @param heartbeatInterval how often a server marks the executions it runs as alive.
 * @param missedHeartbeatsLimit heartbeats an execution may miss before another server declares it dead and runs it
 *        again.
 * @param shutdownMaxWait how long a stopping server lets running executions finish before interrupting them (and as
 *        long again for them to react).
 */
@ConfigurationProperties("skyport.scheduler")
record SchedulerSettings(@DefaultValue("true") boolean enabled, @DefaultValue("10") int threads,
		@DefaultValue("1s") Duration pollingInterval, @DefaultValue("10s") Duration heartbeatInterval,
		@DefaultValue("6") int missedHeartbeatsLimit, @DefaultValue("10s") Duration shutdownMaxWait) {
}
