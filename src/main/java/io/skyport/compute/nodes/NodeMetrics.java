package io.skyport.compute.nodes;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.skyport.platform.metrics.DatabaseGauges;

/**
 * {@code skyport_compute_nodes{state}}: compute nodes per state, counted in the database (one {@code group by} over
 * {@code compute_nodes}, a table of at most a few thousand rows, kept for the gauge TTL). Regions and node names are
 * not labels here: the per-node series belong to the monitoring module.
 */
@Component
class NodeMetrics {

	static final String NODES = "skyport.compute.nodes";

	NodeMetrics(DatabaseGauges gauges, JdbcClient jdbc) {
		gauges.countsByState(NODES, "Compute nodes in each state (up, down, disabled by an operator, draining)",
				"state", NodeState.class, () -> {
					Map<NodeState, Long> counts = new EnumMap<>(NodeState.class);
					jdbc.sql("select state, count(*) from compute_nodes group by state")
						.query((rs, row) -> counts.put(NodeState.valueOf(rs.getString(1)), rs.getLong(2)))
						.list();
					return counts;
				});
	}
}
