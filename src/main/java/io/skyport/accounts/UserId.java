package io.skyport.accounts;

import java.io.Serializable;
import java.util.UUID;

/** Identifies a user; other modules reference users only by this. */
public record UserId(UUID id) implements Serializable {

	public static UserId of(String id) {
		return new UserId(UUID.fromString(id));
	}

	@Override
	public String toString() {
		return id.toString();
	}
}
