package io.skyport.compute.nodes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.skyport.compute.nodes.HostProbe.ProbeResult;
import io.skyport.compute.provider.ProviderAvailability;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.platform.concurrent.ParallelRounds;
import io.skyport.platform.concurrent.ParallelRounds.Outcome;

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
	private final ParallelRounds probes;
	private volatile boolean wasAvailable = true;

	NodeProber(NodeService nodes, HostProbe probe,
			@Value("${skyport.compute.probe-timeout:20s}") Duration roundTimeout,
			@Value("${skyport.compute.probe-threads:8}") int threads) {
		this.nodes = nodes;
		this.probe = probe;
		this.roundTimeout = roundTimeout;
		this.probes = new ParallelRounds("node-probe", threads);
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
		Map<UUID, ProviderTarget> targets = new LinkedHashMap<>();
		nodes.probeTargets().forEach(target -> targets.put(target.nodeId(), target));
		Map<UUID, ProbeResult> results = new LinkedHashMap<>();
		probes.run(targets.keySet(), id -> probe.probe(targets.get(id)), roundTimeout)
			.forEach((id, outcome) -> results.put(id, switch (outcome) {
				case Outcome.Done<ProbeResult> done -> done.value();
				case Outcome.Busy<ProbeResult> busy -> new ProbeResult.Failed("The previous probe has not finished yet.");
				case Outcome.Rejected<ProbeResult> rejected ->
					new ProbeResult.Failed("Too many probes are waiting; raise skyport.compute.probe-threads.");
				case Outcome.TimedOut<ProbeResult> late -> new ProbeResult.Failed(late.started()
						? "No answer within " + roundTimeout.toSeconds() + " s."
						: "Not probed within " + roundTimeout.toSeconds()
								+ " s: too many slow hosts for skyport.compute.probe-threads.");
				case Outcome.Failed<ProbeResult> failed -> new ProbeResult.Failed(String.valueOf(failed.cause()));
			}));
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
		probes.close();
	}
}
