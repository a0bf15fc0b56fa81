package io.skyport.platform;

import java.util.concurrent.Semaphore;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;

/**
 * Bounds how many asynchronous tasks (event listeners, on virtual threads) run at once — each holds a database
 * connection and may take a second one — without ever blocking the thread that submits them. A limit on submission
 * (the executor's own concurrency limit) deadlocks as soon as a listener publishes an event to another asynchronous
 * listener while all slots are taken; here a task waits for a permit inside its own virtual thread instead, so the
 * submitting listener finishes and frees its permit.
 */
@Configuration(proxyBeanMethods = false)
class ListenerConcurrency {

	@Bean
	TaskDecorator boundedListenerConcurrency(@Value("${skyport.events.listener-concurrency:8}") int permits) {
		Semaphore running = new Semaphore(permits, true);
		return task -> () -> {
			running.acquireUninterruptibly();
			try {
				task.run();
			}
			finally {
				running.release();
			}
		};
	}
}
