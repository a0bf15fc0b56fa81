package io.skyport.compute.nodes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.compute.NodeChanged;
import io.skyport.compute.nodes.HostProbe.ProbeResult;
import io.skyport.compute.provider.ProviderAvailability;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;

/**
 * Operators' management of compute nodes (add, change, disable, drain, enable, delete) and the recording of their
 * health. Hosts are contacted outside database transactions, so a slow host never holds a connection or a lock.
 */
@Service
class NodeService {

	private static final Logger log = LoggerFactory.getLogger(NodeService.class);

	private static final int LISTED_NAMES = 10;

	/** What an operator can do with a node. */
	enum Action {
		ENABLE, DISABLE, DRAIN, PROBE;

		static Action parse(@Nullable String value) {
			try {
				if (value != null && !value.isBlank()) {
					return valueOf(value.strip().toUpperCase(Locale.ROOT));
				}
			}
			catch (IllegalArgumentException ex) {
				// reported below
			}
			throw InvalidInputException.of("action", "Choose one of the actions enable, disable, drain or probe"
					+ (value == null || value.isBlank() ? "." : " ('" + value.strip() + "' is none of them)."));
		}
	}

	private final Nodes nodes;
	private final HostProbe probe;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final TransactionTemplate readOnly;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	NodeService(Nodes nodes, HostProbe probe, JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.nodes = nodes;
		this.probe = probe;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
		this.readOnly.setReadOnly(true);
		this.clock = clock;
	}

	List<NodeView> all() {
		return read(() -> nodes.findAllByOrderByRegionAscNameAsc().stream().map(NodeView::of).toList());
	}

	NodeView get(UUID id) {
		return read(() -> NodeView.of(node(id)));
	}

	/** The regions nodes are in, for the form's suggestions. */
	List<String> regions() {
		return read(nodes::regions);
	}

	/** Whether compute can work at all, and if not, why: shown on the operators' pages. */
	ProviderAvailability availability() {
		return probe.availability();
	}

	/**
	 * Adds a node. Its host is probed first: the node starts {@code UP} with libvirt's capacity (unless the form
	 * gives one), or {@code DOWN} with the probe's error.
	 */
	NodeView create(NodeForm form) {
		NodeSettings settings = NodeRules.validate(form);
		requireFreeName(settings.name(), null);
		ComputeNode node = new ComputeNode(settings, clock.instant());
		ProbeResult first = probe.probe(node.target());
		return save(() -> {
			firstContact(node, first);
			ComputeNode saved = nodes.saveAndFlush(node);
			changed(saved, NodeChanged.Change.REGISTERED);
			return NodeView.of(saved);
		}, settings.name());
	}

	/** Registers a node built elsewhere (enrolment, the default test node) after probing its host. */
	ComputeNode register(ComputeNode node) {
		ProbeResult first = probe.probe(node.target());
		return save(() -> {
			firstContact(node, first);
			ComputeNode saved = nodes.saveAndFlush(node);
			changed(saved, saved.enrolled() ? NodeChanged.Change.ENROLLED : NodeChanged.Change.REGISTERED);
			return saved;
		}, node.name());
	}

	private void firstContact(ComputeNode node, ProbeResult first) {
		Instant now = clock.instant();
		switch (first) {
			case ProbeResult.Answered answered -> node.probed(answered.report(), now);
			case ProbeResult.Failed failed -> node.neverAnswered(failed.reason(), now);
		}
		if (node.state() == NodeState.DOWN) {
			log.warn("Node {} ({}) was added but does not answer: {}", node.name(), node.uri(),
					node.health().lastError());
		}
	}

	/** Changes a node's settings; a new URI or storage pool, or dropping a capacity override, probes it again. */
	NodeView update(UUID id, NodeForm form) {
		NodeSettings settings = NodeRules.validate(form);
		requireFreeName(settings.name(), id);
		boolean reprobe = save(() -> {
			ComputeNode node = locked(id);
			boolean hostChanged = !node.uri().equals(settings.uri()) || !node.storagePool().equals(settings.storagePool())
					|| node.capacityOverridden() && settings.capacity() == null;
			node.update(settings, clock.instant());
			nodes.saveAndFlush(node);
			changed(node, NodeChanged.Change.SETTINGS_CHANGED);
			return hostChanged && node.state() != NodeState.DISABLED;
		}, settings.name());
		if (reprobe) {
			return probeNow(id);
		}
		return get(id);
	}

	NodeView act(UUID id, @Nullable String actionName) {
		Action action = Action.parse(actionName);
		if (action == Action.PROBE) {
			return probeNow(id);
		}
		return write(() -> {
			ComputeNode node = locked(id);
			Instant now = clock.instant();
			switch (action) {
				case ENABLE -> node.enable(now);
				case DISABLE -> node.disable(now);
				case DRAIN -> node.drain(now);
				case PROBE -> throw new IllegalStateException("handled above");
			}
			log.info("Operator action {} on node {}: now {}", action, node.name(), node.state());
			ComputeNode saved = nodes.save(node);
			changed(saved, switch (action) {
				case ENABLE -> NodeChanged.Change.ENABLED;
				case DISABLE -> NodeChanged.Change.DISABLED;
				case DRAIN -> NodeChanged.Change.DRAINING;
				case PROBE -> throw new IllegalStateException("handled above");
			});
			return NodeView.of(saved);
		});
	}

	/**
	 * Deletes a node that holds nothing: refused while instances or volumes that are not deleted are on it, or
	 * placement still has reservations there. Deleted instances and volumes keep their rows but forget the node.
	 */
	void delete(UUID id) {
		String name = read(() -> node(id).name());
		try {
			transactions.executeWithoutResult(status -> {
				ComputeNode node = locked(id);
				List<String> instances = jdbc.sql("""
						select name from compute_instances where node_id = :id and state <> 'DELETED' order by lower(name)""")
					.param("id", id).query(String.class).list();
				if (!instances.isEmpty()) {
					throw new ConflictException("The node " + node.name() + " still runs "
							+ count(instances.size(), "instance") + ": " + names(instances)
							+ ". Delete them or move them to another node first.");
				}
				List<String> volumes = jdbc.sql("""
						select name from compute_volumes where node_id = :id and state <> 'DELETED' order by lower(name)""")
					.param("id", id).query(String.class).list();
				if (!volumes.isEmpty()) {
					throw new ConflictException("The node " + node.name() + " still holds " + count(volumes.size(), "volume")
							+ ": " + names(volumes) + ". Delete them first.");
				}
				jdbc.sql("update compute_instances set node_id = null where node_id = :id and state = 'DELETED'")
					.param("id", id).update();
				jdbc.sql("update compute_volumes set node_id = null where node_id = :id and state = 'DELETED'")
					.param("id", id).update();
				nodes.delete(node);
				nodes.flush();
				changed(node, NodeChanged.Change.DELETED);
			});
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("The node " + name + " still has capacity reserved by placement. "
					+ "Release the reservations (delete their instances) first.");
		}
		log.info("Deleted node {}", name);
	}

	/** Probes one node now and records the outcome. */
	NodeView probeNow(UUID id) {
		ProviderTarget target = read(() -> node(id).target());
		recordProbe(id, probe.probe(target));
		return get(id);
	}

	/** The nodes a probe round asks about: every node an operator has not disabled. */
	List<ProviderTarget> probeTargets() {
		return read(() -> nodes.findByStateNot(NodeState.DISABLED).stream().map(ComputeNode::target).toList());
	}

	/** The nodes that promised heartbeats and are not disabled. */
	List<UUID> heartbeatingNodes() {
		return read(() -> nodes.findByStateNot(NodeState.DISABLED).stream()
			.filter(node -> node.heartbeatIntervalSeconds() != null)
			.map(ComputeNode::id)
			.toList());
	}

	/** Records one probe's outcome; a node deleted meanwhile is skipped. */
	Optional<NodeHealth.Change> recordProbe(UUID id, ProbeResult result) {
		return write(() -> nodes.lockById(id).map(node -> {
			NodeHealth.Change change = switch (result) {
				case ProbeResult.Answered answered -> node.probed(answered.report(), clock.instant());
				case ProbeResult.Failed failed -> node.missed(failed.reason(), clock.instant());
			};
			nodes.save(node);
			logChange(node, change);
			return change;
		}));
	}

	/**
	 * While nothing can be probed, heartbeats are the only sign of life: a node whose last heartbeat is older than
	 * its interval misses a check.
	 */
	Optional<NodeHealth.Change> recordHeartbeatSilence(UUID id) {
		return write(() -> nodes.lockById(id).flatMap(node -> {
			Instant now = clock.instant();
			long missed = node.heartbeatsMissed(now);
			if (missed < 1 || node.state() == NodeState.DISABLED) {
				return Optional.empty();
			}
			NodeHealth.Change change = node.missed("No heartbeat for " + missed * node.heartbeatIntervalSeconds()
					+ " s (one is expected every " + node.heartbeatIntervalSeconds() + " s).", now);
			nodes.save(node);
			logChange(node, change);
			return Optional.of(change);
		}));
	}

	static void logChange(ComputeNode node, NodeHealth.Change change) {
		switch (change) {
			case WENT_DOWN -> log.warn("Node {} is DOWN after {} missed checks: {}", node.name(),
					node.health().missedChecks(), node.health().lastError());
			case CAME_UP -> log.info("Node {} is UP again", node.name());
			case NONE -> {
			}
		}
	}

	private void changed(ComputeNode node, NodeChanged.Change change) {
		events.publishEvent(new NodeChanged(node.nodeId(), node.name(), change, clock.instant()));
	}

	ComputeNode locked(UUID id) {
		return nodes.lockById(id).orElseThrow(() -> NotFoundException.of("compute node", id));
	}

	private ComputeNode node(UUID id) {
		return nodes.findById(id).orElseThrow(() -> NotFoundException.of("compute node", id));
	}

	private void requireFreeName(String name, @Nullable UUID existing) {
		boolean taken = read(() -> existing == null ? nodes.existsByNameIgnoreCase(name)
				: nodes.existsByNameIgnoreCaseAndIdNot(name, existing));
		if (taken) {
			throw nameTaken(name);
		}
	}

	static ConflictException nameTaken(String name) {
		return new ConflictException("A node named '" + name + "' exists already. Choose another name.");
	}

	/** Runs a write; a unique violation (two requests adding the same name at once) becomes the usual 409. */
	private <T> T save(java.util.function.Supplier<T> work, String name) {
		try {
			return write(work);
		}
		catch (DataIntegrityViolationException ex) {
			throw nameTaken(name);
		}
	}

	private <T> T write(java.util.function.Supplier<T> work) {
		T result = transactions.execute(status -> work.get());
		if (result == null) {
			throw new IllegalStateException("A transaction returned nothing");
		}
		return result;
	}

	private <T> T read(java.util.function.Supplier<T> work) {
		T result = readOnly.execute(status -> work.get());
		if (result == null) {
			throw new IllegalStateException("A transaction returned nothing");
		}
		return result;
	}

	private static String count(int n, String thing) {
		return n + " " + thing + (n == 1 ? "" : "s");
	}

	private static String names(List<String> names) {
		List<String> shown = new ArrayList<>(names.subList(0, Math.min(LISTED_NAMES, names.size())));
		String list = String.join(", ", shown);
		return names.size() > LISTED_NAMES ? list + " and " + (names.size() - LISTED_NAMES) + " more" : list;
	}
}
