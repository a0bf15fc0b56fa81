package io.skyport.compute.nodes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.skyport.compute.nodes.HostProbe.ProbeResult;
import io.skyport.compute.provider.ProviderAvailability;
import io.skyport.compute.provider.ProviderTarget;

/**
 * Probes every node that is not disabled, in parallel on a bounded pool, every {@code skyport.compute.probe-interval}
 * on one server of the cluster ({@link NodeJobs}; unless {@code skyport.compute.probe-enabled=false}: tests run
 * rounds themselves). A round waits at most
 * {@code skyport.compute.probe-timeout}: a host that has not answered by then misses the check (its probe may go on,
 * within the adapter's own timeouts, but is not started again while it runs). When nothing can be probed (no
 * provider, or libvirt missing), heartbeats are the only sign of life.
 */
@Component
class NodeProber implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(NodeProber.class);

	private final NodeService nodes;
	private final HostProbe probe;
	private final Duration roundTimeout;
	private final ThreadPoolExecutor executor;
	private final Set<UUID> running = ConcurrentHashMap.newKeySet();
	private volatile boolean wasAvailable = true;

	NodeProber(NodeService nodes, HostProbe probe,
			@Value("${skyport.compute.probe-timeout:20s}") Duration roundTimeout,
			@Value("${skyport.compute.probe-threads:8}") int threads) {
		this.nodes = nodes;
		this.probe = probe;
		this.roundTimeout = roundTimeout;
		AtomicInteger counter = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000),
				runnable -> {
					Thread thread = new Thread(runnable, "node-probe-" + counter.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.executor.allowCoreThreadTimeOut(true);
	}

	/** What one round did, for the log and for tests. */
	record Round(int probed, int answered, int failed, int wentDown, int cameUp) {
	}

	/** A round as the schedule runs it: logged, and a failure does not stop the next one. */
	void scheduled() {
		try {
			Round round = round();
			log.debug("Probe round: {}", round);
		}
		catch (RuntimeException ex) {
			log.error("A node probe round failed; the next one runs as scheduled", ex);
		}
	}

	/** Probes every node that is not disabled once and records the outcomes. */
	Round round() {
		ProviderAvailability availability = probe.availability();
		if (!availability.available()) {
			if (wasAvailable) {
				log.warn("Compute is unavailable, nodes are not probed (heartbeats still count): {}",
						HostProbe.reason(availability));
			}
			wasAvailable = false;
			return heartbeatsOnly();
		}
		if (!wasAvailable) {
			log.info("Compute is available again; probing nodes");
		}
		wasAvailable = true;
		long deadline = System.nanoTime() + roundTimeout.toNanos();
		Map<UUID, ProbeResult> results = new LinkedHashMap<>();
		Map<UUID, Pending> pending = new LinkedHashMap<>();
		for (ProviderTarget target : nodes.probeTargets()) {
			UUID id = target.nodeId();
			if (!running.add(id)) {
				results.put(id, new ProbeResult.Failed("The previous probe has not finished yet."));
				continue;
			}
			Pending task = new Pending(id);
			try {
				task.future = executor.submit(() -> task.run(target));
				pending.put(id, task);
			}
			catch (RejectedExecutionException ex) {
				running.remove(id);
				results.put(id, new ProbeResult.Failed("Too many probes are waiting; raise skyport.compute.probe-threads."));
			}
		}
		pending.forEach((id, task) -> results.put(id, task.await(deadline)));
		return record(results);
	}

	private Round record(Map<UUID, ProbeResult> results) {
		int answered = 0;
		int wentDown = 0;
		int cameUp = 0;
		for (Map.Entry<UUID, ProbeResult> result : results.entrySet()) {
			if (result.getValue() instanceof ProbeResult.Answered) {
				answered++;
			}
			try {
				NodeHealth.Change change = nodes.recordProbe(result.getKey(), result.getValue()).orElse(NodeHealth.Change.NONE);
				wentDown += change == NodeHealth.Change.WENT_DOWN ? 1 : 0;
				cameUp += change == NodeHealth.Change.CAME_UP ? 1 : 0;
			}
			catch (RuntimeException ex) {
				log.warn("Could not record the probe of node {}", result.getKey(), ex);
			}
		}
		return new Round(results.size(), answered, results.size() - answered, wentDown, cameUp);
	}

	private Round heartbeatsOnly() {
		int wentDown = 0;
		int checked = 0;
		for (UUID id : nodes.heartbeatingNodes()) {
			try {
				checked++;
				wentDown += nodes.recordHeartbeatSilence(id).orElse(NodeHealth.Change.NONE) == NodeHealth.Change.WENT_DOWN
						? 1 : 0;
			}
			catch (RuntimeException ex) {
				log.warn("Could not check the heartbeats of node {}", id, ex);
			}
		}
		return new Round(0, 0, 0, wentDown, 0);
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}

	/** One probe in the pool; it leaves {@link #running} when it ends, or when it is given up before it started. */
	private final class Pending {

		private static final int QUEUED = 0;
		private static final int STARTED = 1;
		private static final int ABANDONED = 2;

		private final UUID id;
		private final AtomicInteger state = new AtomicInteger(QUEUED);
		private volatile Future<ProbeResult> future;

		Pending(UUID id) {
			this.id = id;
		}

		ProbeResult run(ProviderTarget target) {
			if (!state.compareAndSet(QUEUED, STARTED)) {
				return new ProbeResult.Failed("Abandoned before it started.");
			}
			try {
				return probe.probe(target);
			}
			finally {
				running.remove(id);
			}
		}

		ProbeResult await(long deadline) {
			try {
				return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				if (state.compareAndSet(QUEUED, ABANDONED)) {
					future.cancel(false);
					running.remove(id);
					return new ProbeResult.Failed("Not probed within " + roundTimeout.toSeconds()
							+ " s: too many slow hosts for skyport.compute.probe-threads.");
				}
				future.cancel(true);
				return new ProbeResult.Failed("No answer within " + roundTimeout.toSeconds() + " s.");
			}
			catch (ExecutionException ex) {
				return new ProbeResult.Failed(String.valueOf(ex.getCause()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new ProbeResult.Failed("Skyport stopped waiting for the probe.");
			}
		}
	}
}
