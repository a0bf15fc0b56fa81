package io.skyport.compute;

import java.time.Instant;

/**
 * The reconciler removed a machine or volume from a node: Skyport had named it ({@code skyport-<instance id>…}) but
 * no live instance owned it, since {@code firstSeenAt}, for longer than the operator's grace period
 * ({@code skyport.compute.reconciler.remove-orphans}). The audit trail records it.
 */
public record OrphanRemoved(NodeId nodeId, String nodeName, Kind kind, String name, Instant firstSeenAt,
		Instant removedAt) {

	/** What was removed. */
	public enum Kind {
		MACHINE, VOLUME
	}
}
