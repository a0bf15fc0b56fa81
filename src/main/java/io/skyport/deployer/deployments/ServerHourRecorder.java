package io.skyport.deployer.deployments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import io.skyport.billing.ServerHour;
import io.skyport.billing.UsageRecords;

/**
 * Hands the hours of direct servers to billing: every hour from the one in which the server became READY up to the
 * one in which it was DESTROYED (that last, started hour included), whatever it did in between — a stopped server
 * keeps its disks and its reserved room. An hour goes to billing once it has ended (or the server is gone). Billing's
 * usage records are idempotent on instance and hour, so a repeated or overlapping run records nothing twice; the
 * deployment keeps how far it got only to spare the work.
 */
@Component
class ServerHourRecorder {

	/** Hours per deployment and run, so one transaction stays small; the rest follows on the next run. */
	static final int MAX_HOURS_PER_RUN = 2000;

	private static final Logger log = LoggerFactory.getLogger(ServerHourRecorder.class);

	private final Deployments deployments;
	private final UsageRecords usage;
	private final TransactionTemplate transactions;
	private final Clock clock;

	ServerHourRecorder(Deployments deployments, UsageRecords usage, TransactionTemplate transactions, Clock clock) {
		this.deployments = deployments;
		this.usage = usage;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Records every due hour of every direct server; a server that fails is logged and tried on the next run. */
	int recordDueHours() {
		int recorded = 0;
		for (UUID id : deployments.findDirectServersToBill()) {
			try {
				Integer count = transactions.execute(status -> record(id, clock.instant()));
				recorded += count == null ? 0 : count;
			}
			catch (RuntimeException ex) {
				log.warn("Could not record the server hours of deployment {}; the next run tries again: {}", id,
						ex.getMessage());
			}
		}
		return recorded;
	}

	private int record(UUID id, Instant now) {
		Deployment deployment = deployments.findById(id).orElseThrow();
		Instant readyAt = deployment.readyAt();
		if (readyAt == null || deployment.subscriptionId() != null) {
			return 0;
		}
		Instant from = deployment.hoursRecordedUntil() != null ? deployment.hoursRecordedUntil()
				: readyAt.truncatedTo(ChronoUnit.HOURS);
		// Hours that ended; a destroyed server's last, started hour too.
		Instant end = deployment.destroyedAt() != null ? deployment.destroyedAt() : now.truncatedTo(ChronoUnit.HOURS);
		ServerSpec spec = deployment.spec();
		long disk = (long) spec.rootDiskGib() + (spec.dataDiskGib() == null ? 0 : spec.dataDiskGib());
		List<ServerHour> hours = new ArrayList<>();
		Instant hour = from;
		while (hour.isBefore(end) && hours.size() < MAX_HOURS_PER_RUN) {
			hours.add(new ServerHour(deployment.organisationId(), deployment.instanceId().id(), hour, spec.name(),
					deployment.serverType(), spec.vcpus(), spec.memoryMib(), disk));
			hour = hour.plus(Duration.ofHours(1));
		}
		if (hours.isEmpty()) {
			return 0;
		}
		int recorded = usage.recordServerHours(hours);
		deployments.recordHoursUntil(id, hour);
		return recorded;
	}

	/** Runs on one server of the cluster at a time, every five minutes. */
	@Configuration(proxyBeanMethods = false)
	static class Schedule {

		@Bean
		RecurringTask<Void> serverHoursTask(ServerHourRecorder recorder) {
			return Tasks.recurring("server-hours", FixedDelay.ofMinutes(5))
				.execute((instance, context) -> recorder.recordDueHours());
		}
	}
}
