package io.skyport.platform.concurrent;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Rounds of work, one piece per key (a node), run in parallel on a bounded pool of daemon threads; a round waits for
 * all of them until one shared deadline. A key whose work of an earlier round is still running is not started again
 * ({@link Outcome.Busy}). Work still queued at the deadline is abandoned and never starts; work running at the deadline
 * goes on within its own timeouts (it is not interrupted) and keeps its key busy until it ends.
 */
public final class ParallelRounds implements AutoCloseable {

	private static final int QUEUE = 10_000;

	/** How one key's work went in a round. */
	public sealed interface Outcome<R> {

		/** It finished in time with this result. */
		record Done<R>(R value) implements Outcome<R> {
		}

		/** It threw. */
		record Failed<R>(Throwable cause) implements Outcome<R> {
		}

		/** It had not finished by the deadline; {@code started}: it was running (else it never started). */
		record TimedOut<R>(boolean started) implements Outcome<R> {
		}

		/** Its work of an earlier round was still running, so it was not started. */
		record Busy<R>() implements Outcome<R> {
		}

		/** The pool's queue was full. */
		record Rejected<R>() implements Outcome<R> {
		}
	}

	private final ThreadPoolExecutor executor;
	private final Set<Object> busy = ConcurrentHashMap.newKeySet();

	/** A pool of {@code threads} daemon threads named {@code <threadName>-<n>}, idle ones ending after a minute. */
	public ParallelRounds(String threadName, int threads) {
		AtomicInteger counter = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE),
				runnable -> {
					Thread thread = new Thread(runnable, threadName + "-" + counter.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.executor.allowCoreThreadTimeOut(true);
	}

	/** Runs {@code work} for every key and waits at most {@code timeout} for all of them together. */
	public <K, R> Map<K, Outcome<R>> run(Collection<K> keys, Function<? super K, ? extends R> work, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<K, @Nullable Piece<R>> pieces = new LinkedHashMap<>();
		Map<K, Outcome<R>> outcomes = new LinkedHashMap<>();
		for (K key : keys) {
			if (!busy.add(key)) {
				outcomes.put(key, new Outcome.Busy<>());
				continue;
			}
			Piece<R> piece = new Piece<>(key);
			try {
				piece.future = executor.submit(() -> piece.run(() -> work.apply(key)));
				pieces.put(key, piece);
			}
			catch (RejectedExecutionException ex) {
				busy.remove(key);
				outcomes.put(key, new Outcome.Rejected<>());
			}
		}
		pieces.forEach((key, piece) -> outcomes.put(key, piece.await(deadline)));
		return outcomes;
	}

	@Override
	public void close() {
		executor.shutdownNow();
	}

	/** One key's work in the pool; its key leaves {@link #busy} when it ends, or when it is abandoned unstarted. */
	private final class Piece<R> {

		private static final int QUEUED = 0;
		private static final int STARTED = 1;
		private static final int ABANDONED = 2;

		private final Object key;
		private final AtomicInteger state = new AtomicInteger(QUEUED);
		private volatile @Nullable Future<@Nullable R> future;

		Piece(Object key) {
			this.key = key;
		}

		/** Runs the work unless the round gave it up before it started. */
		@Nullable R run(Supplier<? extends R> work) {
			if (!state.compareAndSet(QUEUED, STARTED)) {
				return null;
			}
			try {
				return work.get();
			}
			finally {
				busy.remove(key);
			}
		}

		Outcome<R> await(long deadline) {
			Future<@Nullable R> running = java.util.Objects.requireNonNull(future);
			try {
				R result = running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				return new Outcome.Done<>(result);
			}
			catch (TimeoutException ex) {
				if (state.compareAndSet(QUEUED, ABANDONED)) {
					running.cancel(false);
					busy.remove(key);
					return new Outcome.TimedOut<>(false);
				}
				return new Outcome.TimedOut<>(true);
			}
			catch (ExecutionException ex) {
				return new Outcome.Failed<>(ex.getCause() == null ? ex : ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new Outcome.Failed<>(ex);
			}
		}
	}
}
