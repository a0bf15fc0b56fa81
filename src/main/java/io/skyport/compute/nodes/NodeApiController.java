package io.skyport.compute.nodes;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Compute nodes for operators: list, add, change, disable/drain/enable/probe, delete.
 */
@RestController
@RequestMapping(NodesWebConfiguration.NODES)
@Tag(name = "Compute nodes")
class NodeApiController {

	private final NodeService nodes;

	NodeApiController(NodeService nodes) {
		this.nodes = nodes;
	}

	/** @param action {@code enable}, {@code disable}, {@code drain} or {@code probe}. */
	record ActionRequest(@Nullable String action) {
	}

	@GetMapping
	@Operation(summary = "All compute nodes with capacity, usage and health (operators)")
	List<NodeView> list() {
		return nodes.all();
	}

	@PostMapping
	@Operation(summary = "Add a compute node (operators)", description = "The host is probed at once: the node "
			+ "starts UP with libvirt's capacity (unless vcpus, memoryMib and diskGib are given), or DOWN with the error.")
	ResponseEntity<NodeView> create(@RequestBody NodeForm form) {
		NodeView node = nodes.create(form);
		return ResponseEntity.created(URI.create(NodesWebConfiguration.NODES + "/" + node.id())).body(node);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One compute node (operators)")
	NodeView get(@PathVariable UUID id) {
		return nodes.get(id);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Change a compute node's settings (operators)")
	NodeView update(@PathVariable UUID id, @RequestBody NodeForm form) {
		return nodes.update(id, form);
	}

	@PostMapping("/{id}/actions")
	@Operation(summary = "Disable, drain, enable or probe a compute node (operators)",
			description = "Body {\"action\": \"disable|drain|enable|probe\"}. Disabled nodes are not probed; disabled "
					+ "and draining nodes take no new instances; enable returns a node to UP (or DOWN if it is not "
					+ "answering).")
	NodeView act(@PathVariable UUID id, @RequestBody ActionRequest request) {
		return nodes.act(id, request.action());
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a compute node that holds no instances or volumes (operators)")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		nodes.delete(id);
		return ResponseEntity.noContent().build();
	}
}
