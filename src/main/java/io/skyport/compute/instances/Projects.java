package io.skyport.compute.instances;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface Projects extends ListCrudRepository<Project, UUID> {

	/** Saves and flushes at once, so a duplicate name surfaces here rather than at commit. */
	Project saveAndFlush(Project project);

	@Query("select p from Project p where p.organisationId = :organisationId order by lower(p.name)")
	List<Project> findByOrganisation(UUID organisationId);

	Optional<Project> findByIdAndOrganisationId(UUID id, UUID organisationId);

	/**
	 * Creates a project unless the organisation has one of that name (another transaction creating it at the same
	 * moment is waited for): the way to make a default project that concurrent requests all need.
	 */
	@Modifying
	@Query(value = """
			insert into compute_projects (id, organisation_id, name, description, created_at, updated_at, version)
			values (:id, :organisationId, :name, :description, :now, :now, 0)
			on conflict do nothing""", nativeQuery = true)
	int insertIfAbsent(UUID id, UUID organisationId, String name, String description, Instant now);

	@Query("select p from Project p where p.organisationId = :organisationId and lower(p.name) = lower(:name)")
	Optional<Project> findByName(UUID organisationId, String name);
}
