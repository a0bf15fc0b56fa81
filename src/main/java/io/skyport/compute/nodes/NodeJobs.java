package io.skyport.compute.nodes;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

/**
 * The node probes' trigger: a recurring task, run by one server of the cluster at a time. A server with
 * {@code skyport.compute.probe-enabled=false} never runs it.
 */
@Configuration(proxyBeanMethods = false)
class NodeJobs {

	@Bean
	@ConditionalOnBooleanProperty(name = "skyport.compute.probe-enabled", matchIfMissing = true)
	RecurringTask<Void> nodeProbeTask(NodeProber prober,
			@Value("${skyport.compute.probe-interval:30s}") Duration interval) {
		return Tasks.recurring("compute-node-probes", Schedules.fixedDelay(interval))
			.execute((instance, context) -> prober.scheduled());
	}
}
