package io.skyport.compute.instances;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.skyport.compute.ComputeImages;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.NodeId;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.compute.nodes.NodeSummary;

/** Turns instances into {@link InstanceDetails}, with the names of their project, image and node. */
@Component
class InstanceViews {

	private final Projects projects;
	private final ComputeImages images;
	private final NodeDirectory nodes;

	InstanceViews(Projects projects, ComputeImages images, NodeDirectory nodes) {
		this.projects = projects;
		this.images = images;
		this.nodes = nodes;
	}

	/** Names looked up once per list, not once per instance. */
	final class Names {

		private final Map<UUID, String> projectNames = new HashMap<>();
		private final Map<UUID, String> imageNames = new HashMap<>();
		private final Map<UUID, String> nodeNames = new HashMap<>();

		InstanceDetails details(Instance instance) {
			String projectName = projectNames.computeIfAbsent(instance.projectId().id(),
					id -> projects.findById(id).map(Project::name).orElse("—"));
			String imageName = imageNames.computeIfAbsent(instance.imageId().id(),
					id -> images.find(instance.imageId()).map(ImageSummary::name).orElse("—"));
			NodeId nodeId = instance.nodeId();
			String nodeName = nodeId == null ? null
					: nodeNames.computeIfAbsent(nodeId.id(), id -> nodes.find(nodeId).map(NodeSummary::name).orElse("—"));
			return new InstanceDetails(instance.id(), instance.organisationId(), instance.projectId(), projectName,
					instance.name(), instance.description(), instance.tags(), instance.region(), instance.vcpus(),
					instance.memoryMib(), instance.rootDiskGib(), instance.dataDiskGib(), instance.dataDiskMountPoint(),
					instance.imageId(), imageName,
					instance.state(), instance.stateReason(), nodeId, nodeName, instance.addresses(),
					instance.configuredAt(), instance.createdAt(), instance.updatedAt(), instance.deploymentId(),
					instance.subscriptionId());
		}
	}

	Names names() {
		return new Names();
	}

	InstanceDetails details(Instance instance) {
		return names().details(instance);
	}
}
