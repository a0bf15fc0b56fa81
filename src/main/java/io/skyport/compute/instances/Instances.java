package io.skyport.compute.instances;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface Instances extends ListCrudRepository<Instance, UUID> {

	Instance saveAndFlush(Instance instance);

	Optional<Instance> findByIdAndOrganisationId(UUID id, UUID organisationId);

	/** The instance with its row locked until the transaction ends: state changes of one instance queue up here. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select i from Instance i where i.id = :id")
	Optional<Instance> findForUpdate(UUID id);

	@Query("select i from Instance i where i.organisationId = :organisationId and i.state <> io.skyport.compute.InstanceState.DELETED order by i.createdAt desc")
	List<Instance> findLiveByOrganisation(UUID organisationId);

	@Query("select i from Instance i where i.state <> io.skyport.compute.InstanceState.DELETED order by i.createdAt desc")
	List<Instance> findAllLive();

	@Query("select i from Instance i where i.nodeId = :nodeId and i.state <> io.skyport.compute.InstanceState.DELETED")
	List<Instance> findLiveOnNode(UUID nodeId);

	/** Removes the rows of deleted instances (and their deleted volumes) so their empty project can go. */
	@Modifying
	@Query(nativeQuery = true, value = "with gone as (select id from compute_instances where project_id = :projectId and state = 'DELETED'), "
			+ "volumes as (delete from compute_volumes where instance_id in (select id from gone)) "
			+ "delete from compute_instances where id in (select id from gone)")
	int purgeDeletedInProject(UUID projectId);

	@Query("select count(i) from Instance i where i.projectId = :projectId and i.state <> io.skyport.compute.InstanceState.DELETED")
	long countLiveInProject(UUID projectId);
}
