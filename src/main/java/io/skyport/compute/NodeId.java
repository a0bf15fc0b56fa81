package io.skyport.compute;

import java.io.Serializable;
import java.util.UUID;

/** A compute node: a libvirt host (or, later, a public-cloud region) that runs instances. */
public record NodeId(UUID id) implements Serializable {

	@Override
	public String toString() {
		return id.toString();
	}
}
