package io.skyport.billing;

import java.io.Serializable;
import java.util.UUID;

/** Identifies an order: what a customer bought, at which price, once. */
public record OrderId(UUID id) implements Serializable {

	@Override
	public String toString() {
		return id.toString();
	}
}
