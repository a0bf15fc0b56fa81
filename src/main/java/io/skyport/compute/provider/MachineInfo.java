package io.skyport.compute.provider;

import java.util.List;
import java.util.UUID;

/** A machine as the host reports it. */
public record MachineInfo(String name, UUID uuid, MachineState state, int vcpus, long memoryMib,
		List<String> addresses) {

	public enum MachineState {
		RUNNING, STOPPED, PAUSED, CRASHED, OTHER
	}
}
