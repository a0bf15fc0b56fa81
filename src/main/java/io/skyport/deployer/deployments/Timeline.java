package io.skyport.deployer.deployments;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

import io.skyport.deployer.DeploymentState;

interface Timeline extends ListCrudRepository<TimelineEntry, Long> {

	List<TimelineEntry> findByDeploymentIdOrderById(UUID deploymentId);

	Optional<TimelineEntry> findFirstByDeploymentIdAndStepAndOutcomeOrderByIdDesc(UUID deploymentId,
			DeploymentState step, TimelineEntry.Outcome outcome);

	List<TimelineEntry> findByDeploymentIdAndOutcome(UUID deploymentId, TimelineEntry.Outcome outcome);
}
