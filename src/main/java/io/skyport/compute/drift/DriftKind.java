package io.skyport.compute.drift;

/** What a drift finding says. */
enum DriftKind {
	/** A Skyport-named machine on a node that no live instance owns. */
	ORPHAN_MACHINE,
	/** A Skyport-named volume on a node that no live instance owns. */
	ORPHAN_VOLUME,
	/** A machine Skyport did not name (never removed). */
	FOREIGN_MACHINE,
	/** A volume Skyport did not name (never removed). */
	FOREIGN_VOLUME,
	/** A running or stopped instance whose machine is not on its node. */
	MISSING_MACHINE,
	/** An instance in a transitional state for longer than the deadline. */
	STUCK;

	boolean orphan() {
		return this == ORPHAN_MACHINE || this == ORPHAN_VOLUME;
	}
}
