package io.skyport.compute;

import java.io.Serializable;
import java.util.UUID;

/** Identifies a virtual machine owned by a customer organisation. */
public record InstanceId(UUID id) implements Serializable {

	@Override
	public String toString() {
		return id.toString();
	}
}
