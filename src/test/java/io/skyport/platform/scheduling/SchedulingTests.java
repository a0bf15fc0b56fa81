package io.skyport.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;

import io.skyport.platform.scheduling.ProbeTask.Probe;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * The scheduler as the application wires it: task beans are known, executions carry their data as JSON, scheduling
 * takes part in the caller's transaction, and a stopped scheduler leaves no thread behind.
 */
@SkyportIntegrationTest
class SchedulingTests {

	@Autowired
	SchedulerClient schedulerClient;

	@Autowired
	Scheduler scheduler;

	@Autowired
	ProbeTask.Runs runs;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DataSource dataSource;

	@Autowired
	Clock clock;

	@Autowired
	SchedulerHealthIndicator health;

	@Test
	void a_task_bean_scheduled_for_now_runs_with_its_data() {
		Probe probe = new Probe(UUID.randomUUID(), "right away", clock.instant());

		schedulerClient.schedule(ProbeTask.PROBE.instance(probe.id().toString()).data(probe).scheduledTo(clock.instant()));

		await().atMost(Duration.ofSeconds(10)).until(() -> runs.ran(probe.id()));
		assertThat(runs.ran()).contains(probe);
		assertThat(rowsOf(probe)).isZero();
	}

	@Test
	void an_execution_scheduled_in_a_transaction_is_invisible_to_others_until_it_commits() {
		Probe probe = new Probe(UUID.randomUUID(), "committed", clock.instant());

		transactions.executeWithoutResult(status -> {
			schedulerClient.schedule(ProbeTask.PROBE.instance(probe.id().toString()).data(probe)
				.scheduledTo(clock.instant()));
			assertThat(JdbcClient.create(dataSource)
				.sql("select count(*) from scheduled_tasks where task_instance = ?")
				.param(probe.id().toString())
				.query(Integer.class)
				.single()).as("seen inside the transaction").isOne();
			assertThat(CompletableFuture.supplyAsync(() -> rowsOf(probe)).join()).as("seen by another connection")
				.isZero();
			assertThat(runs.ran(probe.id())).isFalse();
		});

		await().atMost(Duration.ofSeconds(10)).until(() -> runs.ran(probe.id()));
	}

	@Test
	void an_execution_scheduled_in_a_transaction_that_rolls_back_does_not_exist() {
		Probe rolledBack = new Probe(UUID.randomUUID(), "rolled back", clock.instant());

		transactions.executeWithoutResult(status -> {
			schedulerClient.schedule(ProbeTask.PROBE.instance(rolledBack.id().toString()).data(rolledBack)
				.scheduledTo(clock.instant()));
			status.setRollbackOnly();
		});

		assertThat(rowsOf(rolledBack)).isZero();
		assertThat(schedulerClient.getScheduledExecution(ProbeTask.PROBE.instanceId(rolledBack.id().toString())))
			.isEmpty();
		Probe later = new Probe(UUID.randomUUID(), "after the rollback", clock.instant());
		schedulerClient.schedule(ProbeTask.PROBE.instance(later.id().toString()).data(later).scheduledTo(clock.instant()));
		await().atMost(Duration.ofSeconds(10)).until(() -> runs.ran(later.id()));
		assertThat(runs.ran(rolledBack.id())).isFalse();
	}

	@Test
	void the_running_scheduler_reports_up() {
		assertThat(scheduler.getSchedulerState().isStarted()).isTrue();
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		assertThat(health.health().getDetails()).containsEntry("executing", true);
	}

	@Test
	void a_stopped_scheduler_leaves_no_thread_behind_and_cannot_be_restarted() throws Exception {
		ThreadGroup group = new ThreadGroup("scheduler-under-test");
		SchedulerSettings settings = new SchedulerSettings(true, 2, Duration.ofMillis(100), Duration.ofMillis(100), 6,
				Duration.ofSeconds(1));
		SchedulerLifecycle lifecycle = onThreadIn(group, () -> new SchedulerLifecycle(
				SchedulingConfiguration.build(SchedulingConfiguration.builder(dataSource, settings, List.of(), "leak-test")),
				true));

		onThreadIn(group, () -> {
			lifecycle.start();
			return null;
		});
		assertThat(lifecycle.isRunning()).isTrue();
		assertThat(group.activeCount()).isPositive();

		lifecycle.stop();

		assertThat(lifecycle.isRunning()).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> group.activeCount() == 0);
		lifecycle.start();
		assertThat(lifecycle.isRunning()).isFalse();
		assertThat(group.activeCount()).isZero();
	}

	private int rowsOf(Probe probe) {
		return JdbcClient.create(dataSource)
			.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
			.param(ProbeTask.PROBE.getTaskName())
			.param(probe.id().toString())
			.query(Integer.class)
			.single();
	}

	/** Runs {@code action} on a thread of {@code group}, so the threads it creates belong to the group too. */
	private static <T> T onThreadIn(ThreadGroup group, java.util.concurrent.Callable<T> action) throws Exception {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread thread = new Thread(group, () -> {
			try {
				result.complete(action.call());
			}
			catch (Exception ex) {
				result.completeExceptionally(ex);
			}
		});
		thread.start();
		return result.get();
	}
}
