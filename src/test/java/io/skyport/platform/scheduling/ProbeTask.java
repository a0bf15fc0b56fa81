package io.skyport.platform.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * A one-time task that records the data of each execution, defined as a bean the way a module defines its tasks.
 * A test-only bean: autowire {@link Runs} in a {@code @SkyportIntegrationTest}.
 */
@Configuration(proxyBeanMethods = false)
class ProbeTask {

	static final TaskDescriptor<Probe> PROBE = TaskDescriptor.of("test-probe", Probe.class);

	/** Task data: a record of IDs and values, stored as JSON. */
	record Probe(UUID id, String label, Instant requestedAt) {
	}

	/** The probes that ran in this context, in order. */
	static final class Runs {

		private final List<Probe> ran = new CopyOnWriteArrayList<>();

		List<Probe> ran() {
			return List.copyOf(ran);
		}

		boolean ran(UUID id) {
			return ran.stream().anyMatch(probe -> probe.id().equals(id));
		}
	}

	@Bean
	Runs probeRuns() {
		return new Runs();
	}

	@Bean
	OneTimeTask<Probe> testProbeTask(Runs runs) {
		return Tasks.oneTime(PROBE).execute((instance, context) -> runs.ran.add(instance.getData()));
	}
}
