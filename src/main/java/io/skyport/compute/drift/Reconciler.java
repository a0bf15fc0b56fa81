package io.skyport.compute.drift;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.compute.NodeId;
import io.skyport.compute.OrphanRemoved;
import io.skyport.compute.drift.DriftFindings.Found;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.compute.nodes.NodeDirectory.NodeTarget;
import io.skyport.compute.nodes.NodeState;
import io.skyport.compute.provider.ComputeProvider;
import io.skyport.compute.provider.MachineInfo;
import io.skyport.compute.provider.ProviderException;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.compute.provider.VolumeInfo;

/**
 * Compares every {@code UP} node's inventory (the provider's machines and volumes) with Skyport's instances and stores
 * the drift ({@link DriftFindings}):
 * <ul>
 * <li>machines and volumes named like Skyport's ({@code skyport-<instance id>}, its {@code -root} and {@code -data}
 * volumes) that no live instance on a node with the same URI owns: orphans; everything else on the host is
 * foreign and only listed;</li>
 * <li>running or stopped instances whose machine is not on their node;</li>
 * <li>instances {@code PENDING}, {@code CREATING} or {@code DELETING} for longer than
 * {@code skyport.compute.reconciler.stuck-after}.</li>
 * </ul>
 * Nodes are matched by URI, not by ID, because the host is what holds the machines (two nodes on one host see the
 * same inventory). The inventory is read before the instances, so an instance created meanwhile is never taken for
 * an orphan. A node that does not answer keeps its previous findings. With
 * {@code skyport.compute.reconciler.remove-orphans} and a grace period, orphans first seen longer ago are removed,
 * machines before volumes, each after checking again that no instance owns it, each published as
 * {@link OrphanRemoved} (audited). Rounds run as a db-scheduler recurring task (once per cluster); rounds started on
 * this server (the task, tests) run one at a time.
 */
@Service
class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
	/** {@code Instance.machineName}: {@code skyport-<instance id>}. */
	static final Pattern SKYPORT_MACHINE = Pattern.compile("skyport-(" + UUID_PATTERN + ")");
	/** The adapter's volume names: {@code <machine>-root} and {@code <machine>-data}. */
	static final Pattern SKYPORT_VOLUME = Pattern.compile("(skyport-(" + UUID_PATTERN + "))-(root|data)");
	private static final Set<String> TRANSITIONAL = Set.of("PENDING", "CREATING", "DELETING");

	private final NodeDirectory nodes;
	private final ComputeProvider provider;
	private final JdbcClient jdbc;
	private final DriftFindings findings;
	private final TransactionTemplate transactions;
	private final ApplicationEventPublisher events;
	private final ReconcilerProperties properties;
	private final Clock clock;
	private final ReentrantLock rounds = new ReentrantLock();

	Reconciler(NodeDirectory nodes, ComputeProvider provider, JdbcClient jdbc, DriftFindings findings,
			TransactionTemplate transactions, ApplicationEventPublisher events, ReconcilerProperties properties,
			Clock clock) {
		this.nodes = nodes;
		this.provider = provider;
		this.jdbc = jdbc;
		this.findings = findings;
		this.transactions = transactions;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/** What a round did. */
	record Round(int nodesScanned, List<String> nodesUnreachable, int findings, List<String> removed) {
	}

	/** The recurring task's round ({@link DriftWebConfiguration#RECONCILER}): once per cluster per interval. */
	void scheduled() {
		if (!properties.enabled() || !provider.availability().available()) {
			return;
		}
		try {
			Round round = reconcile(Set.of(), properties.removalGrace());
			log.debug("Reconciler round: {}", round);
		}
		catch (RuntimeException ex) {
			log.warn("A reconciler round failed: {}", ex.getMessage(), ex);
		}
	}

	/** One round over every {@code UP} node with the configured removal policy. */
	Round reconcile() {
		return reconcile(Set.of(), properties.removalGrace());
	}

	/**
	 * One round.
	 *
	 * @param only the nodes to look at; empty for every {@code UP} node (and then every stuck instance).
	 * @param removalGrace remove orphans first seen longer ago than this; {@code null} to only report them.
	 */
	Round reconcile(Set<NodeId> only, @Nullable Duration removalGrace) {
		rounds.lock();
		try {
			return round(only, removalGrace);
		}
		finally {
			rounds.unlock();
		}
	}

	private Round round(Set<NodeId> only, @Nullable Duration removalGrace) {
		List<NodeTarget> all = nodes.all();
		Map<UUID, String> uriOf = new HashMap<>();
		all.forEach(node -> uriOf.put(node.target().nodeId(), node.target().uri()));
		List<ProviderTarget> scanned = new ArrayList<>();
		List<String> unreachable = new ArrayList<>();
		Map<UUID, Inventory> inventories = new LinkedHashMap<>();
		for (NodeTarget node : all) {
			ProviderTarget target = node.target();
			if (node.state() != NodeState.UP || !only.isEmpty() && !only.contains(new NodeId(target.nodeId()))) {
				continue;
			}
			try {
				inventories.put(target.nodeId(),
						new Inventory(provider.listMachines(target), provider.listVolumes(target)));
				scanned.add(target);
			}
			catch (ProviderException ex) {
				unreachable.add(target.name());
				log.info("The reconciler could not read the inventory of node {}: {}", target.name(), ex.getMessage());
			}
		}
		Instant now = clock.instant();
		List<LiveInstance> live = liveInstances();
		Set<String> knownVolumes = knownVolumes();

		List<Found> found = new ArrayList<>();
		for (ProviderTarget target : scanned) {
			found.addAll(drift(target, inventories.get(target.nodeId()), live, knownVolumes, uriOf));
		}
		Instant stuckBefore = now.minus(properties.stuckAfter());
		Set<UUID> onlyNodes = new HashSet<>();
		only.forEach(id -> onlyNodes.add(id.id()));
		Map<UUID, String> names = new HashMap<>();
		all.forEach(node -> names.put(node.target().nodeId(), node.target().name()));
		for (LiveInstance instance : live) {
			if (!TRANSITIONAL.contains(instance.state()) || !instance.updatedAt().isBefore(stuckBefore)
					|| !only.isEmpty() && (instance.nodeId() == null || !onlyNodes.contains(instance.nodeId()))) {
				continue;
			}
			found.add(new Found(DriftKind.STUCK, instance.nodeId(),
					instance.nodeId() == null ? null : names.get(instance.nodeId()), instance.machineName(), instance.id(),
					"Instance " + instance.name() + " has been " + instance.state() + " since " + instance.updatedAt()
							+ " (longer than " + properties.stuckAfter() + ")."));
		}
		List<UUID> scannedIds = scanned.stream().map(ProviderTarget::nodeId).toList();
		transactions.executeWithoutResult(status -> {
			findings.save(found, now);
			findings.forgetOthers(scannedIds, only.isEmpty(), found);
		});
		List<String> removed = removalGrace == null ? List.of() : removeOrphans(scanned, removalGrace, now);
		return new Round(scanned.size(), List.copyOf(unreachable), found.size(), removed);
	}

	private List<Found> drift(ProviderTarget target, Inventory inventory, List<LiveInstance> live,
			Set<String> knownVolumes, Map<UUID, String> uriOf) {
		Set<String> ownedMachines = new HashSet<>();
		for (LiveInstance instance : live) {
			if (instance.nodeId() != null && target.uri().equals(uriOf.get(instance.nodeId()))) {
				ownedMachines.add(instance.machineName());
			}
		}
		Map<UUID, LiveInstance> byId = new HashMap<>();
		live.forEach(instance -> byId.put(instance.id(), instance));
		List<Found> found = new ArrayList<>();
		UUID nodeId = target.nodeId();
		String node = target.name();
		Set<String> present = new HashSet<>();
		for (MachineInfo machine : inventory.machines()) {
			present.add(machine.name());
			Matcher skyport = SKYPORT_MACHINE.matcher(machine.name());
			if (!skyport.matches()) {
				found.add(new Found(DriftKind.FOREIGN_MACHINE, nodeId, node, machine.name(), null,
						"A machine Skyport did not create (" + machine.state().name().toLowerCase() + ")."));
			}
			else if (!ownedMachines.contains(machine.name())) {
				UUID instanceId = UUID.fromString(skyport.group(1));
				found.add(new Found(DriftKind.ORPHAN_MACHINE, nodeId, node, machine.name(), instanceId,
						orphanDetail("machine", machine.state().name().toLowerCase(), byId.get(instanceId))));
			}
		}
		for (VolumeInfo volume : inventory.volumes()) {
			Matcher skyport = SKYPORT_VOLUME.matcher(volume.name());
			if (!skyport.matches()) {
				found.add(new Found(DriftKind.FOREIGN_VOLUME, nodeId, node, volume.name(), null,
						"A volume Skyport did not create (" + gib(volume.capacityBytes()) + ", " + volume.path() + ")."));
			}
			else if (!ownedMachines.contains(skyport.group(1)) && !knownVolumes.contains(volume.name())) {
				UUID instanceId = UUID.fromString(skyport.group(2));
				found.add(new Found(DriftKind.ORPHAN_VOLUME, nodeId, node, volume.name(), instanceId,
						orphanDetail("volume", gib(volume.capacityBytes()), byId.get(instanceId))));
			}
		}
		for (LiveInstance instance : live) {
			if (nodeId.equals(instance.nodeId()) && (instance.state().equals("RUNNING") || instance.state().equals("STOPPED"))
					&& !present.contains(instance.machineName())) {
				found.add(new Found(DriftKind.MISSING_MACHINE, nodeId, node, instance.machineName(), instance.id(),
						"Instance " + instance.name() + " is " + instance.state() + " but its machine is not on the node."));
			}
		}
		return found;
	}

	private static String orphanDetail(String what, String state, @Nullable LiveInstance instance) {
		return "A Skyport " + what + " (" + state + ") that no instance owns"
				+ (instance == null ? ": its instance is deleted or was never recorded." : ": its instance is on another node.");
	}

	private List<String> removeOrphans(List<ProviderTarget> scanned, Duration grace, Instant now) {
		Map<UUID, ProviderTarget> targets = new HashMap<>();
		scanned.forEach(target -> targets.put(target.nodeId(), target));
		List<DriftFinding> due = findings.all().stream()
			.filter(finding -> finding.kind().orphan() && finding.nodeId() != null
					&& targets.containsKey(finding.nodeId()) && !finding.firstSeenAt().isAfter(now.minus(grace)))
			.sorted((a, b) -> a.kind().compareTo(b.kind()))
			.toList();
		List<String> removed = new ArrayList<>();
		Set<String> goneWithTheirMachine = new HashSet<>();
		for (DriftFinding finding : due) {
			ProviderTarget target = targets.get(finding.nodeId());
			if (goneWithTheirMachine.contains(target.nodeId() + "/" + finding.name()) || stillOwned(finding, target.uri())) {
				continue;
			}
			try {
				if (finding.kind() == DriftKind.ORPHAN_MACHINE) {
					provider.destroyMachine(target, finding.name());
				}
				else {
					provider.deleteVolume(target, finding.name());
				}
			}
			catch (ProviderException | IllegalArgumentException ex) {
				log.warn("The reconciler could not remove orphan {} on node {}: {}", finding.name(), target.name(),
						ex.getMessage());
				continue;
			}
			OrphanRemoved event = new OrphanRemoved(new NodeId(target.nodeId()), target.name(),
					finding.kind() == DriftKind.ORPHAN_MACHINE ? OrphanRemoved.Kind.MACHINE : OrphanRemoved.Kind.VOLUME,
					finding.name(), finding.firstSeenAt(), clock.instant());
			transactions.executeWithoutResult(status -> {
				findings.delete(finding.kind(), target.nodeId(), finding.name());
				if (finding.kind() == DriftKind.ORPHAN_MACHINE) {
					findings.delete(DriftKind.ORPHAN_VOLUME, target.nodeId(), finding.name() + "-root");
				}
				events.publishEvent(event);
			});
			log.info("The reconciler removed orphan {} {} from node {} (first seen {}).",
					event.kind().name().toLowerCase(), finding.name(), target.name(), finding.firstSeenAt());
			removed.add(finding.name());
			goneWithTheirMachine.add(target.nodeId() + "/" + finding.name() + "-root");
		}
		return removed;
	}

	/** Checked again right before a removal: an instance on the same host now owns the name. */
	private boolean stillOwned(DriftFinding finding, String uri) {
		Matcher volume = SKYPORT_VOLUME.matcher(finding.name());
		String machine = volume.matches() ? volume.group(1) : finding.name();
		return jdbc.sql("""
				select count(*) from compute_instances i join compute_nodes n on n.id = i.node_id
				where i.machine_name = :machine and i.state <> 'DELETED' and n.uri = :uri""")
			.param("machine", machine).param("uri", uri).query(Long.class).single() > 0
				|| volume.matches() && jdbc.sql("select count(*) from compute_volumes where name = :name and state <> 'DELETED'")
					.param("name", finding.name()).query(Long.class).single() > 0;
	}

	private List<LiveInstance> liveInstances() {
		return jdbc.sql("""
				select id, name, node_id, machine_name, state, updated_at from compute_instances where state <> 'DELETED'""")
			.query((rs, row) -> new LiveInstance(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getObject("node_id", UUID.class), rs.getString("machine_name"), rs.getString("state"),
					rs.getTimestamp("updated_at").toInstant()))
			.list();
	}

	private Set<String> knownVolumes() {
		return new HashSet<>(jdbc.sql("select name from compute_volumes where state <> 'DELETED'")
			.query(String.class).list());
	}

	private static String gib(long bytes) {
		return (bytes + (1L << 30) - 1) / (1L << 30) + " GiB";
	}

	private record Inventory(List<MachineInfo> machines, List<VolumeInfo> volumes) {
	}

	private record LiveInstance(UUID id, String name, @Nullable UUID nodeId, String machineName, String state,
			Instant updatedAt) {
	}
}
