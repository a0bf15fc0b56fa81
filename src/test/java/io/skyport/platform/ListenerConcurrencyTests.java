package io.skyport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Tasks that submit further tasks (a listener publishing to another listener) all finish, and no more than the
 * permitted number ever run at once.
 */
class ListenerConcurrencyTests {

	@Test
	void nested_submissions_never_deadlock_and_the_bound_holds() throws InterruptedException {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("listener-");
		executor.setVirtualThreads(true);
		executor.setTaskDecorator(new ListenerConcurrency().boundedListenerConcurrency(2));
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(40);
		Runnable work = () -> {
			mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
			org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(5)).until(() -> true);
			running.decrementAndGet();
			done.countDown();
		};

		for (int i = 0; i < 20; i++) {
			executor.execute(() -> {
				work.run();
				executor.execute(work);
			});
		}

		assertThat(done.await(20, TimeUnit.SECONDS)).as("all 40 tasks finished").isTrue();
		assertThat(mostAtOnce.get()).isBetween(1, 2);
		executor.close();
	}
}
