package io.skyport.accounts;

import java.io.Serializable;
import java.util.UUID;

/** Identifies one of a user's SSH public keys. */
public record SshKeyId(UUID id) implements Serializable {

	@Override
	public String toString() {
		return id.toString();
	}
}
