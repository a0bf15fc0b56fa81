package io.skyport.platform.scheduling;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.github.kagkarlsson.scheduler.Clock;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.SystemClock;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * One db-scheduler {@link Scheduler} per server on the application's database, knowing every {@link Task} bean;
 * recurring tasks (and any other task that schedules itself on start-up) are scheduled when it starts. It is also
 * the {@code SchedulerClient} modules inject. db-scheduler's Spring Boot starter is built for Boot 3 (it refers to
 * classes Boot 4 moved), hence this wiring.
 * <p>
 * The scheduler reaches the database through a {@link TransactionAwareDataSourceProxy}: an execution scheduled inside
 * a Spring transaction is written on that transaction's connection and exists only if it commits. The scheduler's own
 * work (polling, heartbeats, completing executions) runs on its threads outside any transaction.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

	private static final AtomicInteger instances = new AtomicInteger();
	private static final Clock CLOCK = new SystemClock();

	@Bean(destroyMethod = "")
	Scheduler scheduler(DataSource dataSource, SchedulerSettings settings, ObjectProvider<Task<?>> taskBeans,
			ObjectProvider<MeterRegistry> meters) {
		List<Task<?>> tasks = taskBeans.orderedStream().toList();
		MeterRegistry registry = meters.getIfAvailable();
		return build(builder(dataSource, settings, tasks, name())
			.statsRegistry(registry != null ? new MicrometerStatsRegistry(registry, tasks) : StatsRegistry.NOOP));
	}

	/**
	 * The scheduler as configured, for {@link #build}; tests of several servers on one database add to it.
	 * <p>
	 * It polls with db-scheduler's default strategy, fetch-and-lock-on-execute: a server claims each due execution
	 * with an {@code UPDATE ... WHERE version = ?}, so exactly one server wins it. Lock-and-fetch ({@code SELECT ...
	 * FOR UPDATE SKIP LOCKED}) saves that statement but also locks executions of tasks the server does not know (a
	 * server of an older release, a test context with fewer modules), which then wait for dead-execution detection.
	 */
	static SchedulerBuilder builder(DataSource dataSource, SchedulerSettings settings, List<Task<?>> tasks,
			String name) {
		return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource),
				tasks.stream().filter(task -> !(task instanceof OnStartup)).toList())
			.startTasks(startingThemselves(tasks))
			.threads(settings.threads())
			.pollingInterval(settings.pollingInterval())
			.pollUsingFetchAndLockOnExecute(0.5, 3.0)
			.heartbeatInterval(settings.heartbeatInterval())
			.missedHeartbeatsLimit(settings.missedHeartbeatsLimit())
			.shutdownMaxWait(settings.shutdownMaxWait())
			.schedulerName(new SchedulerName.Fixed(name))
			.serializer(new JsonTaskData())
			.clock(CLOCK);
	}

	/** Builds the scheduler and makes executions scheduled for now wake it (after their transaction commits). */
	static Scheduler build(SchedulerBuilder builder) {
		Scheduler scheduler = builder.build();
		scheduler.registerSchedulerListener(new WakeUpOnImmediateExecution(new SchedulerWakeUp(scheduler), CLOCK));
		return scheduler;
	}

	@Bean
	SchedulerLifecycle schedulerLifecycle(Scheduler scheduler, SchedulerSettings settings) {
		return new SchedulerLifecycle(scheduler, settings.enabled());
	}

	@Bean
	SchedulerHealthIndicator schedulerHealthIndicator(Scheduler scheduler, SchedulerSettings settings) {
		return new SchedulerHealthIndicator(scheduler, settings.enabled());
	}

	/** Recurring tasks and others that schedule their execution when the scheduler starts. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static <T extends Task<?> & OnStartup> List<T> startingThemselves(List<Task<?>> tasks) {
		return (List) tasks.stream().filter(OnStartup.class::isInstance).toList();
	}

	/** Host, process and a counter: unique per server, and per Spring context in one JVM (tests). */
	private static String name() {
		return new SchedulerName.Hostname().getName() + "-" + ProcessHandle.current().pid() + "-"
				+ instances.incrementAndGet();
	}
}
