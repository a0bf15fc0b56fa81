package io.skyport.compute;

import java.util.List;
import java.util.Optional;

/**
 * The server types operators define, for other modules: the deployer sizes direct servers by them, billing prices
 * them.
 */
public interface ServerTypes {

	/** The type of that name, active or not. */
	Optional<ServerTypeSummary> find(String name);

	/** Every type, active or not, by name. */
	List<ServerTypeSummary> all();

	/** The types customers may order now, smallest first (by vCPUs, then memory, then disk). */
	List<ServerTypeSummary> active();

}
