package io.skyport.compute.nodes;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.compute.NodeId;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.platform.errors.NotFoundException;

/**
 * What the rest of compute needs to know about a node: how to reach it through the provider, where its guests
 * reach Skyport, and its name, region and state.
 */
@Service
public class NodeDirectory {

	private final Nodes nodes;
	private final Environment environment;
	private final String defaultDatasourceBaseUrl;
	private final @Nullable String testNodeDatasourceBaseUrl;

	NodeDirectory(Nodes nodes, Environment environment,
			@Value("${skyport.compute.datasource-base-url:http://10.0.2.2:8080}") String defaultDatasourceBaseUrl,
			@Value("${skyport.compute.test-node-datasource-base-url:}") String testNodeDatasourceBaseUrl) {
		this.nodes = nodes;
		this.environment = environment;
		this.defaultDatasourceBaseUrl = baseUrl("skyport.compute.datasource-base-url", defaultDatasourceBaseUrl);
		this.testNodeDatasourceBaseUrl = testNodeDatasourceBaseUrl.isBlank() ? null
				: baseUrl("skyport.compute.test-node-datasource-base-url", testNodeDatasourceBaseUrl);
	}

	private static String baseUrl(String property, String value) {
		String url = value.strip().replaceAll("/+$", "");
		if (!NodeRules.isBaseUrl(url)) {
			throw new IllegalStateException(property + " must be an http(s) URL with a host and "
					+ "without query, spaces or ';' (e.g. http://10.0.2.2:8080), not '" + value + "'.");
		}
		return url;
	}

	/**
	 * The provider's view of the node, for every call that drives it.
	 *
	 * @throws NotFoundException if there is no such node.
	 */
	@Transactional(readOnly = true)
	public ProviderTarget target(NodeId id) {
		return nodes.findById(id.id()).map(ComputeNode::target)
			.orElseThrow(() -> NotFoundException.of("compute node", id));
	}

	/**
	 * The address the node's guests reach Skyport at, without a trailing {@code /}: the node's override; for a
	 * {@code test:///} node (whose guests are simulated by this very server)
	 * {@code skyport.compute.test-node-datasource-base-url} or else this server on the loopback address and the port
	 * it listens on ({@code http://127.0.0.1:<local.server.port>}); for any other node
	 * {@code skyport.compute.datasource-base-url}.
	 *
	 * @throws NotFoundException if there is no such node.
	 */
	@Transactional(readOnly = true)
	public String datasourceBaseUrl(NodeId id) {
		ComputeNode node = nodes.findById(id.id()).orElseThrow(() -> NotFoundException.of("compute node", id));
		String override = node.datasourceBaseUrl();
		if (override != null) {
			return override;
		}
		return NodeRules.isTestDriver(node.uri()) ? testNodeDatasourceBaseUrl() : defaultDatasourceBaseUrl;
	}

	/**
	 * Whether Skyport plays the guest (cloud-init's requests and phone-home) for machines started on the node.
	 *
	 * @throws NotFoundException if there is no such node.
	 */
	@Transactional(readOnly = true)
	public boolean simulatesGuest(NodeId id) {
		return nodes.findById(id.id()).orElseThrow(() -> NotFoundException.of("compute node", id)).simulateGuest();
	}

	/** Every node with its provider view and state, for inventory rounds (the reconciler). */
	@Transactional(readOnly = true)
	public List<NodeTarget> all() {
		return nodes.findAllByOrderByRegionAscNameAsc().stream()
			.map(node -> new NodeTarget(node.target(), node.state()))
			.toList();
	}

	/** The nodes that are probed and hold running instances (up or draining), for monitoring rounds. */
	@Transactional(readOnly = true)
	public List<NodeSummary> measurable() {
		return nodes.findAllByOrderByRegionAscNameAsc().stream()
			.filter(node -> node.state() == NodeState.UP || node.state() == NodeState.DRAINING)
			.map(ComputeNode::summary)
			.toList();
	}

	/** A node's provider view and its state. */
	public record NodeTarget(ProviderTarget target, NodeState state) {
	}

	@Transactional(readOnly = true)
	public Optional<NodeSummary> find(NodeId id) {
		return nodes.findById(id.id()).map(ComputeNode::summary);
	}

	/** {@code skyport.compute.datasource-base-url}, without a trailing {@code /}. */
	String defaultDatasourceBaseUrl() {
		return defaultDatasourceBaseUrl;
	}

	/** What a node without an override uses: see {@link #datasourceBaseUrl}. */
	String defaultDatasourceBaseUrl(String uri) {
		return NodeRules.isTestDriver(uri) ? testNodeDatasourceBaseUrl() : defaultDatasourceBaseUrl;
	}

	private String testNodeDatasourceBaseUrl() {
		if (testNodeDatasourceBaseUrl != null) {
			return testNodeDatasourceBaseUrl;
		}
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		String contextPath = environment.getProperty("server.servlet.context-path", "").replaceAll("/+$", "");
		return "http://127.0.0.1:" + port + contextPath;
	}
}
