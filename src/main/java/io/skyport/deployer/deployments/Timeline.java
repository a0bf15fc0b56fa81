package io.skyport.deployer.deployments;

import java.util.List;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface Timeline extends ListCrudRepository<TimelineEntry, Long> {

	List<TimelineEntry> findByDeploymentIdOrderById(UUID deploymentId);

	List<TimelineEntry> findByDeploymentIdAndOutcome(UUID deploymentId, TimelineEntry.Outcome outcome);
}
