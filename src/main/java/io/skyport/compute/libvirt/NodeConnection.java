package io.skyport.compute.libvirt;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.skyport.compute.provider.ProviderFailureException;
import io.skyport.compute.provider.ProviderUnavailableException;

/**
 * One node's libvirt connection and the threads that use it.
 * <p>
 * Every call runs on this node's own bounded pool of platform threads (a call blocked in native code pins its thread,
 * so virtual threads would not help) and the caller waits at most the call's timeout: a slow or dead host ties up only
 * its own threads and makes only its own callers fail, with {@link ProviderUnavailableException}. When all threads and
 * queue places are taken, further calls fail at once.
 * <p>
 * The connection is opened on first use (one attempt at a time; concurrent callers wait for the same attempt, each at
 * most the connect timeout) and kept. A connection that libvirt reports closed (remote connections send keep-alive
 * messages, so a vanished peer is noticed) is replaced on the next call. After a failed attempt, a timeout or a lost
 * connection, calls fail at once until the backoff has passed — 1 s, then doubling up to the maximum — and the next
 * call tries again; a success resets the backoff. An attempt that answers after its callers gave up is still used.
 */
final class NodeConnection implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(NodeConnection.class);

	private final LibvirtUri uri;

	private final String label;

	private final LibvirtProperties properties;

	private final LongSupplier nanoTime;

	private final ThreadPoolExecutor executor;

	private final Object lock = new Object();

	private @Nullable Connect connect;

	private @Nullable CompletableFuture<Connect> opening;

	private int failures;

	private long retryAt;

	private String lastFailure = "";

	private boolean closed;

	NodeConnection(String nodeName, LibvirtUri uri, LibvirtProperties properties, LongSupplier nanoTime) {
		this.uri = uri;
		this.label = nodeName + " (" + uri + ")";
		this.properties = properties;
		this.nanoTime = nanoTime;
		this.executor = new ThreadPoolExecutor(properties.maxCallsPerNode(), properties.maxCallsPerNode(), 60,
				TimeUnit.SECONDS, new ArrayBlockingQueue<>(properties.maxQueuedCallsPerNode()),
				Thread.ofPlatform().daemon().name("libvirt-" + nodeName + "-", 1).factory());
		this.executor.allowCoreThreadTimeOut(true);
	}

	/** The node's name and URI, as messages show it. */
	String label() {
		return label;
	}

	/**
	 * Runs {@code work} with this node's connection on one of its threads.
	 *
	 * @param action what is attempted, for messages: "Cannot <em>action</em> on node …".
	 * @throws ProviderUnavailableException the node cannot be reached, did not answer within {@code timeout} or has
	 *         too many calls waiting.
	 */
	<T extends @Nullable Object> T call(String action, Duration timeout, LibvirtCall<T> work) {
		for (int attempt = 1;; attempt++) {
			Connect connection = connection(action);
			try {
				return run(connection, action, timeout, work);
			}
			catch (ConnectionClosed e) {
				drop(connection);
				if (attempt == 2) {
					throw new ProviderUnavailableException(prefix(action) + "the connection closed as soon as it opened.");
				}
			}
		}
	}

	private <T extends @Nullable Object> T run(Connect connection, String action, Duration timeout, LibvirtCall<T> work) {
		Future<T> result;
		try {
			result = executor.submit(() -> {
				if (!connection.isAlive()) {
					throw new ConnectionClosed();
				}
				return work.apply(connection);
			});
		}
		catch (RejectedExecutionException e) {
			throw busy(action);
		}
		try {
			return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException e) {
			result.cancel(true);
			fail(connection, "a call did not answer within " + seconds(timeout));
			throw new ProviderUnavailableException(
					prefix(action) + "the node did not answer within " + seconds(timeout) + ".");
		}
		catch (InterruptedException e) {
			result.cancel(true);
			Thread.currentThread().interrupt();
			throw new ProviderUnavailableException(prefix(action) + "interrupted while waiting for the node.");
		}
		catch (ExecutionException e) {
			throw rethrow(connection, action, e.getCause());
		}
	}

	private RuntimeException rethrow(Connect connection, String action, @Nullable Throwable cause) {
		if (cause instanceof LibvirtException libvirt) {
			if (LibvirtErrors.connectionLost(libvirt)) {
				fail(connection, LibvirtErrors.message(libvirt));
			}
			return LibvirtErrors.map(libvirt, action, label);
		}
		if (cause instanceof RuntimeException runtime) {
			return runtime;
		}
		if (cause instanceof Error error) {
			throw error;
		}
		return new ProviderFailureException(prefix(action) + cause, cause);
	}

	private Connect connection(String action) {
		CompletableFuture<Connect> attempt;
		synchronized (lock) {
			if (closed) {
				throw new ProviderUnavailableException(prefix(action) + "Skyport is shutting down.");
			}
			if (connect != null) {
				return connect;
			}
			if (opening == null) {
				long wait = retryAt - nanoTime.getAsLong();
				if (failures > 0 && wait > 0) {
					throw new ProviderUnavailableException(prefix(action) + "the node cannot be reached (" + lastFailure
							+ "); the next attempt is in " + seconds(Duration.ofNanos(wait)) + ".");
				}
				opening = open(action);
			}
			attempt = opening;
		}
		try {
			return attempt.get(properties.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException e) {
			synchronized (lock) {
				if (opening == attempt) {
					opening = null;
					failed("no answer within " + seconds(properties.connectTimeout()));
				}
			}
			throw new ProviderUnavailableException(prefix(action) + "the node did not answer within "
					+ seconds(properties.connectTimeout()) + ".");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ProviderUnavailableException(prefix(action) + "interrupted while connecting.");
		}
		catch (ExecutionException e) {
			throw connectFailure(action, e.getCause());
		}
	}

	/** Starts an attempt to connect; called with the lock held. */
	private CompletableFuture<Connect> open(String action) {
		CompletableFuture<Connect> attempt = new CompletableFuture<>();
		attempt.whenComplete((connection, failure) -> opened(attempt, connection, failure));
		try {
			executor.execute(() -> {
				try {
					attempt.complete(openNow());
				}
				catch (LibvirtException | RuntimeException e) {
					attempt.completeExceptionally(e);
				}
			});
		}
		catch (RejectedExecutionException e) {
			throw busy(action);
		}
		return attempt;
	}

	private Connect openNow() throws LibvirtException {
		Connect connection = new Connect(uri.uri());
		if (uri.isRemote() && LibvirtLibrary.eventLoopRunning()) {
			try {
				connection.setKeepAlive((int) Math.max(1, properties.keepaliveInterval().toSeconds()),
						properties.keepaliveCount());
			}
			catch (LibvirtException e) {
				log.debug("Node {} runs without keep-alive: {}", label, LibvirtErrors.message(e));
			}
		}
		return connection;
	}

	private void opened(CompletableFuture<Connect> attempt, @Nullable Connect connection, @Nullable Throwable failure) {
		Connect surplus = null;
		synchronized (lock) {
			boolean current = opening == attempt;
			if (current) {
				opening = null;
			}
			if (connection != null && connect == null && !closed) {
				connect = connection;
				if (failures > 0) {
					log.info("Node {} can be reached again.", label);
				}
				failures = 0;
				lastFailure = "";
			}
			else if (connection != null) {
				surplus = connection;
			}
			else if (current) {
				failed(failure instanceof LibvirtException libvirt ? LibvirtErrors.message(libvirt)
						: String.valueOf(failure));
			}
		}
		if (surplus != null) {
			closeQuietly(surplus);
		}
	}

	private RuntimeException connectFailure(String action, @Nullable Throwable cause) {
		if (cause instanceof LibvirtException libvirt) {
			boolean badUri = libvirt.getError().getDomain() == ErrorDomain.VIR_FROM_URI
					|| LibvirtErrors.is(libvirt, ErrorNumber.VIR_ERR_NO_SUPPORT);
			String message = prefix(action) + "cannot connect (" + LibvirtErrors.message(libvirt) + ").";
			return badUri ? new ProviderFailureException(message, libvirt)
					: new ProviderUnavailableException(message, libvirt);
		}
		if (cause instanceof Error error) {
			throw error;
		}
		return new ProviderUnavailableException(prefix(action) + "cannot connect (" + cause + ").", cause);
	}

	/** The connection failed: drop it and back off. */
	private void fail(Connect connection, String reason) {
		boolean dropped;
		synchronized (lock) {
			dropped = connect == connection;
			if (dropped) {
				connect = null;
				failed(reason);
			}
		}
		if (dropped) {
			closeLater(connection);
		}
	}

	/** libvirt closed the connection (the peer went away, keep-alive noticed): open a new one at once. */
	private void drop(Connect connection) {
		boolean dropped;
		synchronized (lock) {
			dropped = connect == connection;
			if (dropped) {
				connect = null;
			}
		}
		if (dropped) {
			log.info("The connection to node {} was closed; reconnecting.", label);
			closeLater(connection);
		}
	}

	/** Records a failure; called with the lock held. */
	private void failed(String reason) {
		failures++;
		Duration backoff = backoff(failures);
		retryAt = nanoTime.getAsLong() + backoff.toNanos();
		lastFailure = reason;
		if (failures == 1) {
			log.warn("Node {} cannot be reached: {}. Retrying with backoff.", label, reason);
		}
		else {
			log.debug("Node {} still cannot be reached ({} failures): {}. Next attempt in {}.", label, failures, reason,
					seconds(backoff));
		}
	}

	Duration backoff(int failures) {
		Duration delay = properties.reconnectBackoff().multipliedBy(1L << Math.min(failures - 1, 30));
		return delay.compareTo(properties.reconnectBackoffMax()) > 0 || delay.isNegative()
				? properties.reconnectBackoffMax() : delay;
	}

	private ProviderUnavailableException busy(String action) {
		return new ProviderUnavailableException(prefix(action) + "the node is not keeping up (calls running: "
				+ executor.getActiveCount() + ", waiting: " + executor.getQueue().size() + "); try again later.");
	}

	private String prefix(String action) {
		return "Cannot " + action + " on node " + label + ": ";
	}

	private void closeLater(Connect connection) {
		try {
			executor.execute(() -> closeQuietly(connection));
		}
		catch (RejectedExecutionException e) {
			log.debug("Node {}: a dropped connection is left to the garbage collector.", label);
		}
	}

	private void closeQuietly(Connect connection) {
		try {
			connection.close();
		}
		catch (LibvirtException e) {
			log.debug("Closing a connection to node {} failed: {}", label, LibvirtErrors.message(e));
		}
	}

	/** Closes the connection (waiting briefly) and stops the node's threads. */
	@Override
	public void close() {
		Connect connection;
		synchronized (lock) {
			closed = true;
			connection = connect;
			connect = null;
		}
		if (connection != null) {
			try {
				executor.submit(() -> closeQuietly(connection)).get(2, TimeUnit.SECONDS);
			}
			catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
				log.debug("Node {}: the connection did not close in time.", label);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		executor.shutdownNow();
	}

	private static String seconds(Duration duration) {
		long millis = duration.toMillis();
		return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

	/** The pooled connection was closed by libvirt before this call could use it. */
	private static final class ConnectionClosed extends RuntimeException {

		ConnectionClosed() {
			super(null, null, false, false);
		}
	}
}
