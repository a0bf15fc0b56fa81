package io.skyport.catalog;

import java.io.Serializable;
import java.util.UUID;

/** Identifies a product. */
public record ProductId(UUID id) implements Serializable {

	@Override
	public String toString() {
		return id.toString();
	}
}
