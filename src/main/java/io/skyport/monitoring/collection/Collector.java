package io.skyport.monitoring.collection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.skyport.compute.ComputeMeasurements;
import io.skyport.compute.ComputeMeasurements.MeasurableNode;
import io.skyport.compute.InstanceCounters;
import io.skyport.compute.NodeId;
import io.skyport.compute.NodeMeasurement;
import io.skyport.monitoring.samples.InstanceSample;
import io.skyport.monitoring.samples.MonitoringProperties;
import io.skyport.monitoring.samples.NodeSample;
import io.skyport.monitoring.samples.SampleStore;
import io.skyport.monitoring.samples.SubjectKind;
import io.skyport.monitoring.samples.SubjectState;
import io.skyport.platform.concurrent.ParallelRounds;
import io.skyport.platform.concurrent.ParallelRounds.Outcome;

/**
 * One collection round: every measurable node is read in parallel on a bounded pool, and the round waits at most
 * {@code skyport.monitoring.node-timeout} for each; a node that has not answered by then (or whose previous reading is
 * still running) misses the round and the others are recorded without it. All samples of a round carry the round's
 * time.
 */
@Component
public class Collector implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Collector.class);

	private final ComputeMeasurements compute;
	private final SampleStore store;
	private final Clock clock;
	private final MonitoringProperties properties;
	private final SampleMaker maker;
	private final ParallelRounds readers;

	Collector(ComputeMeasurements compute, SampleStore store, Clock clock, MonitoringProperties properties) {
		this.compute = compute;
		this.store = store;
		this.clock = clock;
		this.properties = properties;
		this.maker = new SampleMaker(properties.interval());
		this.readers = new ParallelRounds("monitoring-read", properties.threads());
	}

	/** What a round did. */
	public record Round(Instant at, int nodes, int answered, List<String> missed, int instances) {
	}

	/** A round as the schedule runs it: a failure is logged and the next round runs as scheduled. */
	void scheduled() {
		try {
			Round round = round(clock.instant());
			if (!round.missed().isEmpty()) {
				log.info("Monitoring round: {} of {} nodes answered; missed: {}", round.answered(), round.nodes(),
						round.missed());
			}
		}
		catch (RuntimeException ex) {
			log.error("A monitoring round failed; the next one runs as scheduled", ex);
		}
	}

	/** Reads every measurable node once and records the samples at {@code at}. */
	public Round round(Instant at) {
		Map<NodeId, MeasurableNode> nodes = new LinkedHashMap<>();
		compute.measurableNodes().forEach(node -> nodes.put(node.id(), node));
		Map<NodeId, Outcome<NodeMeasurement>> outcomes = readers.run(nodes.keySet(), compute::measure,
				properties.nodeTimeout());
		List<NodeMeasurement> answers = new ArrayList<>();
		List<String> missed = new ArrayList<>();
		outcomes.forEach((id, outcome) -> {
			String name = nodes.get(id).name();
			switch (outcome) {
				case Outcome.Done<NodeMeasurement> done -> answers.add(done.value());
				case Outcome.Busy<NodeMeasurement> busy -> missed.add(name + " (its previous reading has not finished)");
				case Outcome.Rejected<NodeMeasurement> rejected -> missed.add(name + " (too many readings waiting)");
				case Outcome.TimedOut<NodeMeasurement> late ->
					missed.add(name + " (no answer within " + properties.nodeTimeout().toSeconds() + " s)");
				case Outcome.Failed<NodeMeasurement> failed -> missed.add(name + " (" + failed.cause().getMessage() + ")");
			}
		});
		int instances = record(answers, at);
		return new Round(at, nodes.size(), answers.size(), missed, instances);
	}

	private int record(List<NodeMeasurement> answers, Instant at) {
		List<UUID> instanceIds = answers.stream()
			.flatMap(answer -> answer.instances().stream())
			.map(reading -> reading.instanceId().id())
			.toList();
		Map<UUID, SubjectState> previousInstances = store.states(SubjectKind.INSTANCE, instanceIds);
		Map<UUID, SubjectState> previousNodes = store.states(SubjectKind.NODE,
				answers.stream().map(answer -> answer.nodeId().id()).toList());
		List<InstanceSample> instanceSamples = new ArrayList<>(instanceIds.size());
		List<NodeSample> nodeSamples = new ArrayList<>(answers.size());
		List<SubjectState> states = new ArrayList<>(instanceIds.size() + answers.size());
		for (NodeMeasurement answer : answers) {
			long guestCpu = 0;
			for (InstanceCounters reading : answer.instances()) {
				var made = maker.instance(reading, answer, at, previousInstances.get(reading.instanceId().id()));
				instanceSamples.add(made.sample());
				states.add(made.state());
				guestCpu += made.cpuNanos();
			}
			var node = maker.node(answer, at, guestCpu, previousNodes.get(answer.nodeId().id()));
			nodeSamples.add(node.sample());
			states.add(node.state());
		}
		store.record(instanceSamples, nodeSamples, states);
		return instanceSamples.size();
	}

	@Override
	public void destroy() {
		readers.close();
	}
}
