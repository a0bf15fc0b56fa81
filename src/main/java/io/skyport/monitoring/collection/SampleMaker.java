package io.skyport.monitoring.collection;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.compute.InstanceCounters;
import io.skyport.compute.NodeMeasurement;
import io.skyport.monitoring.samples.Counters;
import io.skyport.monitoring.samples.InstanceSample;
import io.skyport.monitoring.samples.NodeSample;
import io.skyport.monitoring.samples.SubjectKind;
import io.skyport.monitoring.samples.SubjectState;

/**
 * Turns readings into samples: the growth of each counter since the subject's previous state, and rates over the time
 * between them. A reading of another run of the machine (restarted, or moved to another node) starts again: its
 * counters are its growth since the run started, over one nominal interval, with no CPU share (the run's start is not
 * known). A single counter that went down restarts alone ({@link Counters#since}).
 */
final class SampleMaker {

	private static final double NANOS = 1_000_000_000d;

	private final Duration nominalInterval;

	SampleMaker(Duration nominalInterval) {
		this.nominalInterval = nominalInterval;
	}

	/** A sample and the state it leaves. */
	record Made<S>(S sample, SubjectState state, long cpuNanos) {
	}

	Made<InstanceSample> instance(InstanceCounters reading, NodeMeasurement node, Instant at,
			@Nullable SubjectState previous) {
		Counters now = new Counters(reading.cpuTimeNanos(), reading.networkRxBytes(), reading.networkTxBytes(),
				reading.diskReadBytes(), reading.diskWriteBytes(), reading.diskReadOps(), reading.diskWriteOps());
		UUID nodeId = node.nodeId().id();
		boolean continues = previous != null && reading.run().equals(previous.run())
				&& nodeId.equals(previous.nodeId()) && at.isAfter(previous.sampledAt());
		Counters growth = continues ? now.since(previous.counters()) : now;
		double seconds = continues ? Duration.between(previous.sampledAt(), at).toMillis() / 1000d : seconds(nominalInterval);
		Double cpu = continues ? share(growth.cpuTimeNanos(), seconds, reading.vcpus()) : null;
		InstanceSample sample = new InstanceSample(reading.instanceId().id(), at, seconds, cpu,
				reading.memoryUsedBytes(), reading.memoryAvailableBytes(), growth);
		SubjectState state = new SubjectState(SubjectKind.INSTANCE, reading.instanceId().id(), reading.name(),
				reading.ownerId().id(), reading.subscriptionId(), nodeId, node.region(), reading.vcpus(), reading.run(),
				at, now);
		return new Made<>(sample, state, continues ? growth.cpuTimeNanos() : 0);
	}

	/** A node's sample; {@code guestCpuNanos} is what its instances' samples of this round used. */
	Made<NodeSample> node(NodeMeasurement node, Instant at, long guestCpuNanos, @Nullable SubjectState previous) {
		boolean continues = previous != null && at.isAfter(previous.sampledAt());
		double seconds = continues ? Duration.between(previous.sampledAt(), at).toMillis() / 1000d : seconds(nominalInterval);
		Double cpu = continues ? share(guestCpuNanos, seconds, node.cpus()) : null;
		NodeSample sample = new NodeSample(node.nodeId().id(), at, seconds, cpu, node.cpus(), node.memoryBytes(),
				node.freeMemoryBytes(), node.poolBytes(), node.poolFreeBytes(), node.machineCount());
		SubjectState state = new SubjectState(SubjectKind.NODE, node.nodeId().id(), node.nodeName(), null, null,
				node.nodeId().id(), node.region(), node.cpus(), null, at, Counters.ZERO);
		return new Made<>(sample, state, guestCpuNanos);
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000d;
	}

	private static @Nullable Double share(long cpuNanos, double seconds, int cpus) {
		if (seconds <= 0 || cpus <= 0) {
			return null;
		}
		return Math.min(100d, Math.max(0d, 100d * cpuNanos / (seconds * NANOS * cpus)));
	}
}
