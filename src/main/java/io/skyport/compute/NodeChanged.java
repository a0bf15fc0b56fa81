package io.skyport.compute;

import java.time.Instant;

/**
 * A compute node was added, enrolled, reconfigured, enabled, disabled, drained or deleted — changes made by an
 * operator or an enrolling host, not the health changes probes see ({@link NodeWentDown}, {@link NodeCameUp}).
 */
public record NodeChanged(NodeId nodeId, String nodeName, Change change, Instant changedAt) {

	/** What happened to the node. */
	public enum Change {
		REGISTERED, ENROLLED, SETTINGS_CHANGED, ENABLED, DISABLED, DRAINING, DELETED
	}
}
