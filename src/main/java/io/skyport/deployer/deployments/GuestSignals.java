package io.skyport.deployer.deployments;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.skyport.compute.InstanceConfigFetched;
import io.skyport.compute.InstanceId;

/**
 * Lets a worker waiting in {@code AWAITING_GUEST} hear this process's phone-homes at once, instead of at its next
 * look. Only a shortcut: a phone-home that reaches another server wakes the deployment through the scheduler.
 */
@Component
class GuestSignals {

	private final ConcurrentMap<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

	/** Starts listening for the instance's phone-home; close it when done waiting. */
	Expectation expect(InstanceId instance) {
		CompletableFuture<Void> signal = waiting.computeIfAbsent(instance.id(), id -> new CompletableFuture<>());
		return new Expectation(instance.id(), signal);
	}

	final class Expectation implements AutoCloseable {

		private final UUID instanceId;
		private final CompletableFuture<Void> signal;

		private Expectation(UUID instanceId, CompletableFuture<Void> signal) {
			this.instanceId = instanceId;
			this.signal = signal;
		}

		/** @return whether the guest phoned home (since {@link #expect}) within {@code patience}. */
		boolean await(Duration patience) {
			try {
				signal.get(patience.toMillis(), TimeUnit.MILLISECONDS);
				return true;
			}
			catch (TimeoutException | ExecutionException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		@Override
		public void close() {
			waiting.remove(instanceId, signal);
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(InstanceConfigFetched event) {
		CompletableFuture<Void> signal = waiting.get(event.instanceId().id());
		if (signal != null) {
			signal.complete(null);
		}
	}
}
