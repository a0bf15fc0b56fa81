package io.skyport.compute.instances;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface Projects extends ListCrudRepository<Project, UUID> {

	/** Saves and flushes at once, so a duplicate name surfaces here rather than at commit. */
	Project saveAndFlush(Project project);

	@Query("select p from Project p where p.organisationId = :organisationId order by lower(p.name)")
	List<Project> findByOrganisation(UUID organisationId);

	Optional<Project> findByIdAndOrganisationId(UUID id, UUID organisationId);

	@Query("select p from Project p where p.organisationId = :organisationId and lower(p.name) = lower(:name)")
	Optional<Project> findByName(UUID organisationId, String name);
}
