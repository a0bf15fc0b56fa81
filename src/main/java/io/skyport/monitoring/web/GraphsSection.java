package io.skyport.monitoring.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.skyport.accounts.CurrentUser;
import io.skyport.compute.ComputePageSection;
import io.skyport.compute.InstanceDetails;
import io.skyport.monitoring.bandwidth.Traffic;

/** The graphs on a server's page (with its traffic against the plan's allowance) and on a node's page. */
@Component
class GraphsSection implements ComputePageSection {

	/** One graph: a title and the metrics it draws, all in one unit. */
	public record Graph(String title, String metrics, String unit) {
	}

	static final List<Graph> INSTANCE_GRAPHS = List.of(new Graph("CPU", "cpu", "%"),
			new Graph("Memory", "memory_used,memory_available", "bytes"),
			new Graph("Network", "network_in,network_out", "bytes/s"),
			new Graph("Disk", "disk_read,disk_write", "bytes/s"),
			new Graph("Disk operations", "disk_read_ops,disk_write_ops", "ops/s"));

	static final List<Graph> NODE_GRAPHS = List.of(new Graph("Guest CPU", "cpu", "%"),
			new Graph("Free memory", "memory_free", "bytes"), new Graph("Pool used", "pool_used", "%"),
			new Graph("Machines", "domains", "count"));

	private final MetricsAccess access;
	private final Traffic traffic;

	GraphsSection(MetricsAccess access, Traffic traffic) {
		this.access = access;
		this.traffic = traffic;
	}

	@Override
	public @Nullable Section section(Page page, CurrentUser viewer, UUID subjectId) {
		Map<String, Object> data = new LinkedHashMap<>();
		if (page == Page.INSTANCE) {
			InstanceDetails instance = access.instance(viewer, subjectId);
			data.put("url", "/api/v1/instances/" + subjectId + "/metrics");
			data.put("graphs", INSTANCE_GRAPHS);
			data.put("traffic", traffic.of(instance));
		}
		else {
			data.put("url", "/api/v1/compute/nodes/" + subjectId + "/metrics");
			data.put("graphs", NODE_GRAPHS);
			data.put("traffic", null);
		}
		return new Section(10, "monitoring/graphs", data);
	}
}
