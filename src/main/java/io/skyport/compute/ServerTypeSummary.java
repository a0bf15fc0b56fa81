package io.skyport.compute;

import org.jspecify.annotations.Nullable;

/**
 * A server size operators offer for direct servers.
 *
 * @param name a slug, unique: lower-case letters, digits and hyphens, e.g. {@code cx-2-4}.
 * @param dataDiskGib the data disk that comes with it, {@literal null} for none.
 * @param active whether customers may order it now; inactive types stay for the servers that use them.
 */
public record ServerTypeSummary(String name, int vcpus, long memoryMib, int diskGib, @Nullable Integer dataDiskGib,
		boolean active) {

	/** Root plus data disk, as placement counts it. */
	public long totalDiskGib() {
		return (long) diskGib + (dataDiskGib == null ? 0 : dataDiskGib);
	}
}
