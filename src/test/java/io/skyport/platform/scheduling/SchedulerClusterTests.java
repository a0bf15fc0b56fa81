package io.skyport.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.zaxxer.hikari.HikariDataSource;

import io.skyport.testing.TestPostgres;

/**
 * Two servers on one database, each a {@link Scheduler} built as the application builds it, on a database of their
 * own with the table of migration V19: a recurring task runs once per cluster, and a one-time execution whose server
 * stopped sending heartbeats (frozen, or killed) is run by the other server.
 */
class SchedulerClusterTests {

	private static final TaskDescriptor<Void> RECURRING = TaskDescriptor.of("cluster-recurring");
	private static final TaskDescriptor<String> ONE_TIME = TaskDescriptor.of("cluster-one-time", String.class);

	private static HikariDataSource dataSource;

	private final List<Scheduler> started = new ArrayList<>();
	private final List<Run> runs = new CopyOnWriteArrayList<>();
	private final CountDownLatch release = new CountDownLatch(1);

	/** One execution: on which server, for which scheduled time, with which data. */
	record Run(String server, Instant scheduledFor, String data) {
	}

	@BeforeAll
	static void database() throws IOException {
		dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(TestPostgres.acquire("scheduler_cluster_tests"));
		dataSource.setUsername("postgres");
		dataSource.setMaximumPoolSize(10);
		JdbcClient.create(dataSource).sql("drop table if exists scheduled_tasks").update();
		try (InputStream migration = SchedulerClusterTests.class
			.getResourceAsStream("/db/migration/V19__scheduled_tasks.sql")) {
			JdbcClient.create(dataSource).sql(new String(migration.readAllBytes(), StandardCharsets.UTF_8)).update();
		}
	}

	@AfterAll
	static void closeDatabase() {
		dataSource.close();
		TestPostgres.release();
	}

	@BeforeEach
	void emptyTable() {
		JdbcClient.create(dataSource).sql("delete from scheduled_tasks").update();
	}

	@AfterEach
	void stopServers() {
		release.countDown();
		started.forEach(Scheduler::stop);
	}

	@Test
	void a_recurring_task_runs_once_per_cluster() {
		AtomicInteger pollsOfA = new AtomicInteger();
		AtomicInteger pollsOfB = new AtomicInteger();
		Scheduler a = server("a", recurring("a"), pollsOfA);
		Scheduler b = server("b", recurring("b"), pollsOfB);
		start(a);
		start(b);

		await().atMost(Duration.ofSeconds(20)).until(() -> !runs.isEmpty());
		int aBefore = pollsOfA.get();
		int bBefore = pollsOfB.get();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> pollsOfA.get() >= aBefore + 10 && pollsOfB.get() >= bBefore + 10);
		assertThat(runs).as("both servers polled ten times while the first execution ran").hasSize(1);

		release.countDown();
		await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() >= 10);
		assertThat(runs.stream().map(Run::scheduledFor)).as("no scheduled time ran twice").doesNotHaveDuplicates();
		assertThat(JdbcClient.create(dataSource)
			.sql("select count(*) from scheduled_tasks where task_name = ?")
			.param(RECURRING.getTaskName())
			.query(Integer.class)
			.single()).isOne();
	}

	@Test
	void an_execution_whose_server_stopped_heartbeating_is_run_by_another_server() {
		ScheduledExecutorService heartbeatsOfA = Executors.newScheduledThreadPool(3);
		Scheduler a = SchedulingConfiguration.build(config("a", List.of(oneTime("a", true)), new AtomicInteger())
			.housekeeperExecutor(heartbeatsOfA));
		Scheduler b = server("b", oneTime("b", false), new AtomicInteger());
		start(a);
		a.schedule(ONE_TIME.instance("deployment-1").data("step 3").scheduledTo(Instant.now()));
		await().atMost(Duration.ofSeconds(20)).until(() -> runs.size() == 1);
		assertThat(pickedBy("deployment-1")).isEqualTo("a");

		// a freezes: no heartbeats and no polls (a polling a would otherwise pick the revived execution again)
		heartbeatsOfA.shutdownNow();
		a.pause();
		start(b);

		await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() == 2);
		assertThat(runs).extracting(Run::server, Run::data).containsExactly(tuple("a", "step 3"), tuple("b", "step 3"));
		await().atMost(Duration.ofSeconds(10)).until(() -> rows("deployment-1") == 0);

		release.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> a.getCurrentlyExecuting().isEmpty());
		assertThat(rows("deployment-1")).as("the late completion on a does not bring the execution back").isZero();
		assertThat(runs).hasSize(2);
	}

	@Test
	void an_execution_scheduled_for_now_in_a_transaction_runs_after_the_commit_without_waiting_for_a_poll() {
		SchedulerSettings hourlyPolls = new SchedulerSettings(true, 2, Duration.ofHours(1), Duration.ofSeconds(1), 6,
				Duration.ofSeconds(1));
		Scheduler a = SchedulingConfiguration.build(SchedulingConfiguration.builder(dataSource, hourlyPolls,
				List.of(oneTime("a", false)), "a"));
		start(a);
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

		transactions.executeWithoutResult(status -> {
			a.schedule(ONE_TIME.instance("rolled-back").data("never").scheduledTo(Instant.now()));
			status.setRollbackOnly();
		});
		transactions.executeWithoutResult(status -> a.schedule(ONE_TIME.instance("committed").data("now")
			.scheduledTo(Instant.now())));

		await().atMost(Duration.ofSeconds(20)).until(() -> !runs.isEmpty());
		assertThat(runs).extracting(Run::data).containsExactly("now");
		assertThat(rows("rolled-back")).isZero();
	}

	private Task<Void> recurring(String server) {
		return Tasks.recurring(RECURRING.getTaskName(), Schedules.fixedDelay(Duration.ofMillis(50)))
			.execute((instance, context) -> {
				runs.add(new Run(server, context.getExecution().executionTime, null));
				awaitRelease();
			});
	}

	private Task<String> oneTime(String server, boolean blocks) {
		return Tasks.oneTime(ONE_TIME).execute((instance, context) -> {
			runs.add(new Run(server, context.getExecution().executionTime, instance.getData()));
			if (blocks) {
				awaitRelease();
			}
		});
	}

	private void awaitRelease() {
		try {
			release.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Polls every 50 ms; heartbeats every 200 ms, dead after ten missed ones (2 s), generous on a busy machine. */
	private SchedulerBuilder config(String name, List<Task<?>> tasks, AtomicInteger polls) {
		SchedulerSettings settings = new SchedulerSettings(true, 4, Duration.ofMillis(50), Duration.ofMillis(200), 10,
				Duration.ofSeconds(1));
		return SchedulingConfiguration.builder(dataSource, settings, tasks, name)
			.addSchedulerListener(new AbstractSchedulerListener() {
				@Override
				public void onSchedulerEvent(SchedulerEventType type) {
					if (type == SchedulerEventType.RAN_EXECUTE_DUE) {
						polls.incrementAndGet();
					}
				}
			});
	}

	private Scheduler server(String name, Task<?> task, AtomicInteger polls) {
		return SchedulingConfiguration.build(config(name, List.of(task), polls));
	}

	private void start(Scheduler scheduler) {
		started.add(scheduler);
		scheduler.start();
	}

	private String pickedBy(String instance) {
		return JdbcClient.create(dataSource)
			.sql("select picked_by from scheduled_tasks where task_name = ? and task_instance = ?")
			.param(ONE_TIME.getTaskName())
			.param(instance)
			.query(String.class)
			.single();
	}

	private int rows(String instance) {
		return JdbcClient.create(dataSource)
			.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
			.param(ONE_TIME.getTaskName())
			.param(instance)
			.query(Integer.class)
			.single();
	}
}
