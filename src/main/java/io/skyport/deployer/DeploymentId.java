package io.skyport.deployer;

import java.io.Serializable;
import java.util.UUID;

/** Identifies one deployment saga: the life of one server from request to teardown. */
public record DeploymentId(UUID id) implements Serializable {

	@Override
	public String toString() {
		return id.toString();
	}
}
