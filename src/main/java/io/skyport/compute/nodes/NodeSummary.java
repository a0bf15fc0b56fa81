package io.skyport.compute.nodes;

import io.skyport.compute.NodeId;

/** A node as other parts of compute see it. */
public record NodeSummary(NodeId id, String name, String region, NodeState state) {
}
