package io.skyport.compute;

/**
 * The life cycle of an instance. {@code PENDING} is accepted but not placed yet; {@code CREATING} has a node and its
 * volumes and domain are being made; {@code DELETING → DELETED} is the teardown.
 */
public enum InstanceState {
	PENDING, CREATING, RUNNING, STOPPED, ERROR, DELETING, DELETED
}
