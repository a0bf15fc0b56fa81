package io.skyport.compute.instances;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

import io.skyport.compute.InstanceState;

interface Instances extends ListCrudRepository<Instance, UUID> {

	Instance saveAndFlush(Instance instance);

	Optional<Instance> findByIdAndOrganisationId(UUID id, UUID organisationId);

	/** The instance with its row locked until the transaction ends: state changes of one instance queue up here. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select i from Instance i where i.id = :id")
	Optional<Instance> findForUpdate(UUID id);

	@Query("select i from Instance i where i.organisationId = :organisationId and i.state <> io.skyport.compute.InstanceState.DELETED order by i.createdAt desc")
	List<Instance> findLiveByOrganisation(UUID organisationId);

	/**
	 * A page of instances, newest first, with the filters given (each {@code null} for any); without a state, the
	 * live ones (not {@code DELETED}).
	 */
	@Query(value = """
			select i from Instance i
			where (:organisationId is null or i.organisationId = :organisationId)
			  and (:nodeId is null or i.nodeId = :nodeId)
			  and ((:state is null and i.state <> io.skyport.compute.InstanceState.DELETED) or i.state = :state)
			order by i.createdAt desc, i.id""",
			countQuery = """
			select count(i) from Instance i
			where (:organisationId is null or i.organisationId = :organisationId)
			  and (:nodeId is null or i.nodeId = :nodeId)
			  and ((:state is null and i.state <> io.skyport.compute.InstanceState.DELETED) or i.state = :state)""")
	Page<Instance> search(@Nullable UUID organisationId, @Nullable UUID nodeId, @Nullable InstanceState state,
			Pageable pageable);

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
