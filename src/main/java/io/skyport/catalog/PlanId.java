package io.skyport.catalog;

import java.io.Serializable;
import java.util.UUID;

/** Identifies a plan of a product; with a version number it identifies exactly what was bought. */
public record PlanId(UUID id) implements Serializable {

	@Override
	public String toString() {
		return id.toString();
	}
}
