package io.skyport.compute.nodes;

import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
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
	private final String defaultDatasourceBaseUrl;

	NodeDirectory(Nodes nodes,
			@Value("${skyport.compute.datasource-base-url:http://10.0.2.2:8080}") String defaultDatasourceBaseUrl) {
		this.nodes = nodes;
		String url = defaultDatasourceBaseUrl.strip().replaceAll("/+$", "");
		if (!NodeRules.isBaseUrl(url)) {
			throw new IllegalStateException("skyport.compute.datasource-base-url must be an http(s) URL with a host and "
					+ "without query, spaces or ';' (e.g. http://10.0.2.2:8080), not '" + defaultDatasourceBaseUrl + "'.");
		}
		this.defaultDatasourceBaseUrl = url;
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
	 * The address the node's guests reach Skyport at, without a trailing {@code /}: the node's override, or
	 * {@code skyport.compute.datasource-base-url}.
	 *
	 * @throws NotFoundException if there is no such node.
	 */
	@Transactional(readOnly = true)
	public String datasourceBaseUrl(NodeId id) {
		ComputeNode node = nodes.findById(id.id()).orElseThrow(() -> NotFoundException.of("compute node", id));
		String override = node.datasourceBaseUrl();
		return override != null ? override : defaultDatasourceBaseUrl;
	}

	@Transactional(readOnly = true)
	public Optional<NodeSummary> find(NodeId id) {
		return nodes.findById(id.id()).map(ComputeNode::summary);
	}

	/** {@code skyport.compute.datasource-base-url}, without a trailing {@code /}. */
	String defaultDatasourceBaseUrl() {
		return defaultDatasourceBaseUrl;
	}
}
