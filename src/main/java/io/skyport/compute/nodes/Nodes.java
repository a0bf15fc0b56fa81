package io.skyport.compute.nodes;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface Nodes extends ListCrudRepository<ComputeNode, UUID> {

	/** Saves and flushes at once, so a unique-constraint violation surfaces here rather than at commit. */
	ComputeNode saveAndFlush(ComputeNode node);

	/** Writes pending changes now, so a constraint violation surfaces inside the caller's error handling. */
	void flush();

	/**
	 * The node, locked until the transaction ends: probes, heartbeats and operators change a node one after the
	 * other instead of failing on each other's version.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select n from ComputeNode n where n.id = :id")
	Optional<ComputeNode> lockById(UUID id);

	List<ComputeNode> findAllByOrderByRegionAscNameAsc();

	List<ComputeNode> findByStateNot(NodeState state);

	boolean existsByNameIgnoreCase(String name);

	boolean existsByNameIgnoreCaseAndIdNot(String name, UUID id);

	@Query("select distinct n.region from ComputeNode n order by n.region")
	List<String> regions();
}
