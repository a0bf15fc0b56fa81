package io.skyport.monitoring.collection;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import io.skyport.monitoring.bandwidth.BandwidthBilling;
import io.skyport.monitoring.samples.MonitoringProperties;
import io.skyport.monitoring.samples.Retention;
import io.skyport.monitoring.samples.Rollups;

/**
 * Monitoring's schedule: collection every {@code skyport.monitoring.interval}, rollups every minute, bandwidth to
 * billing every 10 minutes, retention every hour — each a recurring task run by one server of the cluster at a time. With
 * {@code skyport.monitoring.enabled=false} none runs (tests run them with their own times).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "skyport.monitoring.enabled", matchIfMissing = true)
class MonitoringJobs {

	private static final Logger log = LoggerFactory.getLogger(MonitoringJobs.class);

	@Bean
	RecurringTask<Void> monitoringCollectionTask(Collector collector, MonitoringProperties properties) {
		return Tasks.recurring("monitoring-collection", Schedules.fixedDelay(properties.interval()))
			.execute((instance, context) -> collector.scheduled());
	}

	@Bean
	RecurringTask<Void> monitoringRollupTask(Rollups rollups, Clock clock) {
		return Tasks.recurring("monitoring-rollups", Schedules.fixedDelay(Duration.ofMinutes(1)))
			.execute((instance, context) -> {
				try {
					rollups.run(clock.instant());
				}
				catch (RuntimeException ex) {
					log.error("Rolling up monitoring samples failed; the next run resumes where this one started", ex);
				}
			});
	}

	@Bean
	RecurringTask<Void> monitoringBandwidthTask(BandwidthBilling bandwidth) {
		return Tasks.recurring("monitoring-bandwidth", Schedules.fixedDelay(Duration.ofMinutes(10)))
			.execute((instance, context) -> {
				try {
					BandwidthBilling.Sent sent = bandwidth.run();
					log.debug("Bandwidth sent to billing: {}", sent);
				}
				catch (RuntimeException ex) {
					log.error("Sending bandwidth to billing failed; the next run sends the same hours again", ex);
				}
			});
	}

	@Bean
	RecurringTask<Void> monitoringRetentionTask(Retention retention, Clock clock) {
		return Tasks.recurring("monitoring-retention", Schedules.fixedDelay(Duration.ofHours(1)))
			.execute((instance, context) -> {
				try {
					Retention.Removed removed = retention.run(clock.instant());
					log.debug("Monitoring retention: {}", removed);
				}
				catch (RuntimeException ex) {
					log.error("Monitoring retention failed; it runs again in an hour", ex);
				}
			});
	}
}
