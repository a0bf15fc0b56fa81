package io.skyport.billing;

import java.io.Serializable;
import java.util.UUID;

/** Identifies a subscription; the deployer keeps one deployment per subscription. */
public record SubscriptionId(UUID id) implements Serializable {

	@Override
	public String toString() {
		return id.toString();
	}
}
