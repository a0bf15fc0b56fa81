package io.skyport.compute.placement;

import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.skyport.compute.NodeId;

/**
 * A node as placement sees it at one moment: capacity, overcommit, what is reserved on it, and the anti-affinity
 * groups of the instances it holds (at least the group of the request being placed). Immutable; free room is
 * computed once, as {@code floor(capacity × ratio) − used} per resource (negative if an operator lowered the capacity
 * below the usage).
 */
public final class NodeSnapshot {

	private final NodeId id;
	private final String name;
	private final String region;
	private final NodeState state;
	private final Resources capacity;
	private final Overcommit overcommit;
	private final Resources used;
	private final Set<String> antiAffinityGroups;
	private final Resources allowed;
	private final int freeVcpus;
	private final long freeMemoryMib;
	private final long freeDiskGib;

	public NodeSnapshot(NodeId id, String name, String region, NodeState state, Resources capacity,
			Overcommit overcommit, Resources used, Set<String> antiAffinityGroups) {
		this(id, name, region, state, capacity, overcommit, overcommit.applyTo(capacity), used, antiAffinityGroups);
	}

	private NodeSnapshot(NodeId id, String name, String region, NodeState state, Resources capacity,
			Overcommit overcommit, Resources allowed, Resources used, Set<String> antiAffinityGroups) {
		this.id = id;
		this.name = name;
		this.region = region;
		this.state = state;
		this.capacity = capacity;
		this.overcommit = overcommit;
		this.allowed = allowed;
		this.used = used;
		this.antiAffinityGroups = Set.copyOf(antiAffinityGroups);
		this.freeVcpus = allowed.vcpus() - used.vcpus();
		this.freeMemoryMib = allowed.memoryMib() - used.memoryMib();
		this.freeDiskGib = allowed.diskGib() - used.diskGib();
	}

	/** This node after one more instance of {@code size} (in {@code group}, if any) was placed on it. */
	public NodeSnapshot withAllocation(Resources size, @Nullable String group) {
		Set<String> groups = antiAffinityGroups;
		if (group != null && !groups.contains(group)) {
			groups = new HashSet<>(groups);
			groups.add(group);
		}
		return new NodeSnapshot(id, name, region, state, capacity, overcommit, allowed, used.plus(size), groups);
	}

	public NodeId id() {
		return id;
	}

	public String name() {
		return name;
	}

	public String region() {
		return region;
	}

	public NodeState state() {
		return state;
	}

	/** What the node has, before overcommit. */
	public Resources capacity() {
		return capacity;
	}

	public Overcommit overcommit() {
		return overcommit;
	}

	/** What placement may hand out: capacity after overcommit, rounded down. */
	public Resources allowed() {
		return allowed;
	}

	/** What placement has reserved on the node. */
	public Resources used() {
		return used;
	}

	/** Allowed minus used, per resource; negative where usage exceeds a lowered capacity. */
	public Resources free() {
		return new Resources(freeVcpus, freeMemoryMib, freeDiskGib);
	}

	public int freeVcpus() {
		return freeVcpus;
	}

	public long freeMemoryMib() {
		return freeMemoryMib;
	}

	public long freeDiskGib() {
		return freeDiskGib;
	}

	public Set<String> antiAffinityGroups() {
		return antiAffinityGroups;
	}

	/** Whether an instance of {@code size} fits into the free room (the state and groups are not considered). */
	public boolean hasRoomFor(Resources size) {
		return size.vcpus() <= freeVcpus && size.memoryMib() <= freeMemoryMib && size.diskGib() <= freeDiskGib;
	}

	@Override
	public String toString() {
		return name + " (" + region + ", " + state + ", free " + free() + ")";
	}
}
