package io.skyport.catalog;

import java.util.List;
import java.util.UUID;

import org.springframework.data.repository.Repository;

/** Append-only: versions are saved once and never changed or deleted by the application. */
interface PlanVersions extends Repository<PlanVersion, PlanVersion.Key> {

	PlanVersion save(PlanVersion version);

	java.util.Optional<PlanVersion> findById(PlanVersion.Key key);

	List<PlanVersion> findByPlanIdOrderByNumberDesc(UUID planId);
}
