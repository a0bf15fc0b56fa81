package io.skyport.compute;

import java.io.Serializable;
import java.util.UUID;

/** Identifies a block-storage volume (an instance data disk). */
public record VolumeId(UUID id) implements Serializable {

	@Override
	public String toString() {
		return id.toString();
	}
}
