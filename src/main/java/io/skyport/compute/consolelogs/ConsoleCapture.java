package io.skyport.compute.consolelogs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.compute.nodes.NodeDirectory.NodeTarget;
import io.skyport.compute.nodes.NodeState;
import io.skyport.compute.provider.ComputeProvider;
import io.skyport.compute.provider.ConsoleRead;
import io.skyport.compute.provider.MachineNotFoundException;
import io.skyport.compute.provider.ProviderFailureException;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.compute.provider.ProviderUnavailableException;
import io.skyport.platform.concurrent.ParallelRounds;
import io.skyport.platform.concurrent.ParallelRounds.Outcome;

/**
 * Copies what each server printed on its serial console since the last round into {@link ConsoleLogStore}: every
 * running server (and one stopped within {@code after-stop}), per node in parallel on a bounded pool, a round waiting
 * at most {@code round-timeout} so that one slow host never delays the others. A node still busy with the previous
 * round is skipped; a node that does not answer loses its turn, not its place: the next round reads on from the same
 * offset.
 * <p>
 * Reading on: each read starts {@value #TAIL} bytes before the stored offset and must find there the bytes read last
 * time. If the host's log is shorter than the offset, or has other bytes there, it was rotated or truncated (a
 * restart) and has grown again, and the capture starts again at its beginning (at most {@code max-size} before its
 * end). What the guest printed between the last read and a rotation is lost (virtlogd keeps it in the rotated file).
 */
@Component
class ConsoleCapture implements DisposableBean {

	/** Bytes remembered from the end of the last read, to recognise the same log. */
	static final int TAIL = 32;

	private static final Logger log = LoggerFactory.getLogger(ConsoleCapture.class);

	private final ConsoleLogStore store;
	private final NodeDirectory nodes;
	private final ComputeProvider provider;
	private final ConsoleLogProperties properties;
	private final Clock clock;
	private final MeterRegistry meters;
	private final ParallelRounds readers;

	ConsoleCapture(ConsoleLogStore store, NodeDirectory nodes, ComputeProvider provider, ConsoleLogProperties properties,
			Clock clock, MeterRegistry meters) {
		this.store = store;
		this.nodes = nodes;
		this.provider = provider;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		this.readers = new ParallelRounds("console-capture", properties.threads());
	}

	/** What one round did. */
	record Round(int nodes, int machines, long bytes, int failed, int skippedNodes) {
	}

	/** A round as the schedule runs it: a failure is logged and the next round runs as scheduled. */
	void scheduled() {
		try {
			Round round = round();
			log.debug("Console capture round: {}", round);
		}
		catch (RuntimeException ex) {
			log.warn("A console capture round failed; the next one runs as scheduled", ex);
		}
	}

	/** Reads every machine due once. */
	Round round() {
		if (!provider.availability().available()) {
			return new Round(0, 0, 0, 0, 0);
		}
		long deadline = System.nanoTime() + properties.roundTimeout().toNanos();
		Map<UUID, List<ConsoleLogStore.Machine>> byNode = new LinkedHashMap<>();
		for (ConsoleLogStore.Machine machine : store.machines(clock.instant().minus(properties.afterStop()))) {
			byNode.computeIfAbsent(machine.nodeId(), id -> new ArrayList<>()).add(machine);
		}
		Map<UUID, NodeTarget> targets = new LinkedHashMap<>();
		for (NodeTarget node : nodes.all()) {
			targets.put(node.target().nodeId(), node);
		}
		Map<UUID, List<ConsoleLogStore.Machine>> due = new LinkedHashMap<>();
		int skipped = 0;
		for (Map.Entry<UUID, List<ConsoleLogStore.Machine>> entry : byNode.entrySet()) {
			NodeTarget node = targets.get(entry.getKey());
			if (node == null || node.state() == NodeState.DOWN || node.state() == NodeState.DISABLED) {
				skipped++;
			}
			else {
				due.put(entry.getKey(), entry.getValue());
			}
		}
		int read = 0;
		int machines = 0;
		long bytes = 0;
		int failed = 0;
		Map<UUID, Outcome<Round>> outcomes = readers.run(due.keySet(),
				id -> node(targets.get(id).target(), due.get(id)), properties.roundTimeout());
		for (Map.Entry<UUID, Outcome<Round>> entry : outcomes.entrySet()) {
			switch (entry.getValue()) {
				case Outcome.Done<Round> done -> {
					read++;
					machines += done.value().machines();
					bytes += done.value().bytes();
					failed += done.value().failed();
				}
				case Outcome.TimedOut<Round> late -> {
					// Its reads go on (each within the adapter's call timeout); the node is not read again until they end.
					read++;
					skipped++;
					log.debug("The console logs of node {} were not read within {}", entry.getKey(),
							properties.roundTimeout());
				}
				case Outcome.Failed<Round> failure -> {
					read++;
					failed++;
					log.warn("Reading the console logs of node {} failed", entry.getKey(), failure.cause());
				}
				case Outcome.Busy<Round> busy -> skipped++;
				case Outcome.Rejected<Round> rejected -> skipped++;
			}
		}
		Counter.builder("skyport.compute.console_capture.bytes")
			.description("Bytes of serial console output captured from servers into Skyport's copy")
			.baseUnit("bytes")
			.register(meters)
			.increment(bytes);
		return new Round(read, machines, bytes, failed, skipped);
	}

	/** Reads the node's machines one after the other (they share the node's connection). */
	private Round node(ProviderTarget target, List<ConsoleLogStore.Machine> machines) {
		int read = 0;
		long bytes = 0;
		int failed = 0;
		for (ConsoleLogStore.Machine machine : machines) {
			try {
				bytes += capture(target, machine);
				read++;
			}
			catch (MachineNotFoundException ex) {
				read++;
			}
			catch (ProviderUnavailableException ex) {
				log.debug("Node {} did not answer for the console logs: {}", target.name(), ex.getMessage());
				return new Round(1, read, bytes, failed + 1, 0);
			}
			catch (ProviderFailureException | IllegalArgumentException ex) {
				failed++;
				store.failed(machine, ex.getMessage() == null ? ex.toString() : ex.getMessage());
			}
		}
		return new Round(1, read, bytes, failed, 0);
	}

	/** Reads on in one machine's log and stores what is new. @return the bytes stored. */
	long capture(ProviderTarget target, ConsoleLogStore.Machine machine) {
		int readBytes = properties.readBytes();
		long offset = machine.sourceOffset();
		byte[] tail = machine.sourceTail();
		int overlap = (int) Math.min(offset, tail.length);
		ConsoleRead read = provider.readConsole(target, machine.machineName(), offset - overlap, readBytes + overlap);
		byte[] fresh;
		long next;
		boolean same = machine.known() ? sameLog(read, offset, tail, overlap) : read.size() <= properties.maxBytes();
		if (same) {
			fresh = Arrays.copyOfRange(read.bytes(), overlap, read.bytes().length);
			next = offset + fresh.length;
		}
		else {
			long start = Math.max(0, read.size() - properties.maxBytes());
			read = start == offset - overlap ? read
					: provider.readConsole(target, machine.machineName(), start, readBytes);
			fresh = read.bytes();
			next = start + fresh.length;
			if (machine.known()) {
				log.debug("The console log of machine {} on node {} started again (rotated or truncated); reading it "
						+ "from byte {}", machine.machineName(), target.name(), start);
			}
		}
		if (fresh.length == 0 && machine.known() && next == offset) {
			return 0;
		}
		byte[] newTail = tail(tail, fresh, next == offset + fresh.length);
		return store.append(machine, next, newTail, fresh, clock.instant(), properties.maxBytes()) ? fresh.length : 0;
	}

	/** Whether the log read is the one read last time: as long as the offset, with the same bytes before it. */
	private static boolean sameLog(ConsoleRead read, long offset, byte[] tail, int overlap) {
		if (read.size() < offset || read.bytes().length < overlap) {
			return false;
		}
		return Arrays.equals(read.bytes(), 0, overlap, tail, tail.length - overlap, tail.length);
	}

	private static byte[] tail(byte[] previous, byte[] fresh, boolean continued) {
		if (fresh.length >= TAIL || !continued) {
			return Arrays.copyOfRange(fresh, Math.max(0, fresh.length - TAIL), fresh.length);
		}
		int keep = Math.min(previous.length, TAIL - fresh.length);
		byte[] tail = Arrays.copyOf(Arrays.copyOfRange(previous, previous.length - keep, previous.length),
				keep + fresh.length);
		System.arraycopy(fresh, 0, tail, keep, fresh.length);
		return tail;
	}

	@Override
	public void destroy() {
		readers.close();
	}
}
