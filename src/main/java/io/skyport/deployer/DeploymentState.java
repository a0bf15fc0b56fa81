package io.skyport.deployer;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a deployment is. The deploying steps run in declaration order from {@code REQUESTED} to {@code READY} (bare
 * VMs skip {@code CONFIGURING_ACCESS} and {@code ATTACHING_DATA_DISK}); {@code SUSPENDING → SUSPENDED → RESUMING}
 * follow billing's dunning; a failure rolls back to {@code FAILED}; a cancellation ends in {@code DESTROYED}.
 */
public enum DeploymentState {
	REQUESTED, CHECKING_PREREQUISITES, CREATING_VM, CONFIGURING_ACCESS, ATTACHING_DATA_DISK, STARTING, AWAITING_GUEST,
	NOTIFYING, READY, SUSPENDING, SUSPENDED, RESUMING, ROLLING_BACK, FAILED, TEARDOWN_REQUESTED, DESTROYING, DESTROYED;

	private static final Set<DeploymentState> DEPLOYING = EnumSet.range(REQUESTED, NOTIFYING);

	/** Still on its way to {@code READY}. */
	public boolean isDeploying() {
		return DEPLOYING.contains(this);
	}

	/** Nothing will happen unless someone acts: {@code READY}, {@code SUSPENDED}, {@code FAILED}, {@code DESTROYED}. */
	public boolean isAtRest() {
		return this == READY || this == SUSPENDED || this == FAILED || this == DESTROYED;
	}

	/** Gone or going: the server is (being) removed. */
	public boolean isEnding() {
		return this == TEARDOWN_REQUESTED || this == DESTROYING || this == DESTROYED;
	}
}
