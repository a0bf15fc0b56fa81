package io.skyport.compute;

/** A node missed its heartbeats or probes (or failed to answer libvirt) and placement now skips it. */
public record NodeWentDown(NodeId nodeId, String nodeName, String reason) {
}
