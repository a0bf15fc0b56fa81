package io.skyport.compute;

/** A node that was down answers again and takes new instances. */
public record NodeCameUp(NodeId nodeId, String nodeName) {
}
