package io.skyport.compute;

import java.io.Serializable;
import java.util.UUID;

/** Identifies an operating-system image that VMs boot from. */
public record ImageId(UUID id) implements Serializable {

	@Override
	public String toString() {
		return id.toString();
	}
}
