package io.skyport.compute;

import java.io.Serializable;
import java.util.UUID;

/** Identifies a project grouping a customer organisation's instances. */
public record ProjectId(UUID id) implements Serializable {

	@Override
	public String toString() {
		return id.toString();
	}
}
