package io.skyport.compute.placement;

import io.skyport.compute.NodeId;

/** The node an instance was (or, in a dry run, would be) placed on. */
public record PlacementDecision(NodeId nodeId, String nodeName) {
}
