package io.skyport.compute.libvirt;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.skyport.compute.provider.ProviderAvailability;
import io.skyport.compute.provider.ProviderFailureException;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.compute.provider.ProviderUnavailableException;

/**
 * The pool of libvirt connections: one {@link NodeConnection} per node and URI, opened on first use and kept (with
 * {@code test:///default}, whose state lives in the connection, this is also what keeps a node's machines from one
 * call to the next). When a node's URI changes, the connection to the old URI is closed.
 */
@Component
class NodeConnections implements AutoCloseable {

	private final LibvirtProperties properties;

	private final ProviderAvailability availability;

	private final Map<Key, NodeConnection> nodes = new ConcurrentHashMap<>();

	private volatile boolean closed;

	NodeConnections(LibvirtProperties properties) {
		this.properties = properties;
		this.availability = LibvirtLibrary.availability();
	}

	ProviderAvailability availability() {
		return availability;
	}

	LibvirtProperties properties() {
		return properties;
	}

	/** Runs {@code work} on the target's connection within the call timeout; see {@link NodeConnection#call}. */
	<T extends @Nullable Object> T call(ProviderTarget target, String action, LibvirtCall<T> work) {
		return call(target, action, properties.callTimeout(), work);
	}

	/**
	 * Runs {@code work} on the target's connection within {@code timeout}.
	 *
	 * @throws ProviderUnavailableException libvirt is not installed, or the node cannot be reached in time.
	 * @throws ProviderFailureException the node's URI is not a valid libvirt URI.
	 */
	<T extends @Nullable Object> T call(ProviderTarget target, String action, Duration timeout, LibvirtCall<T> work) {
		if (!availability.available()) {
			throw new ProviderUnavailableException(String.valueOf(availability.reason()));
		}
		if (closed) {
			throw new ProviderUnavailableException("Cannot " + action + " on node " + label(target)
					+ ": Skyport is shutting down.");
		}
		return node(target).call(action, timeout, work);
	}

	/** The node's name and URI as messages show them. */
	String label(ProviderTarget target) {
		return target.name() + " (" + target.uri() + ")";
	}

	private NodeConnection node(ProviderTarget target) {
		LibvirtUri uri = uri(target);
		Key key = new Key(target.nodeId(), uri.uri());
		NodeConnection node = nodes.get(key);
		if (node != null) {
			return node;
		}
		node = nodes.computeIfAbsent(key,
				k -> new NodeConnection(target.name(), uri, properties, System::nanoTime));
		nodes.entrySet().removeIf(entry -> {
			boolean replaced = entry.getKey().nodeId().equals(key.nodeId()) && !entry.getKey().equals(key);
			if (replaced) {
				entry.getValue().close();
			}
			return replaced;
		});
		return node;
	}

	/** Parses the target's URI; an invalid one is a lasting failure, not an outage. */
	static LibvirtUri uri(ProviderTarget target) {
		try {
			return LibvirtUri.parse(target.uri());
		}
		catch (IllegalArgumentException e) {
			throw new ProviderFailureException("Node " + target.name() + " has an invalid URI: " + e.getMessage(), e);
		}
	}

	@Override
	public void close() {
		closed = true;
		nodes.values().forEach(NodeConnection::close);
		nodes.clear();
	}

	private record Key(UUID nodeId, String uri) {
	}
}
