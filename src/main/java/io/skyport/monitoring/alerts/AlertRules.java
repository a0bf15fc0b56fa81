package io.skyport.monitoring.alerts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface AlertRules extends ListCrudRepository<AlertRule, UUID> {

	/** The operators' rules, built-ins first (in their order), then by age. */
	@Query("select r from AlertRule r where r.organisationId is null order by r.builtin nulls last, r.createdAt, r.id")
	List<AlertRule> findOperatorRules();

	List<AlertRule> findByOrganisationIdOrderByCreatedAtAscIdAsc(UUID organisationId);

	Optional<AlertRule> findByIdAndOrganisationId(UUID id, UUID organisationId);

	@Query("select r from AlertRule r where r.id = ?1 and r.organisationId is null")
	Optional<AlertRule> findOperatorRule(UUID id);

	Optional<AlertRule> findByBuiltin(BuiltIn builtin);

	long countByOrganisationId(UUID organisationId);

	@Query("select count(r) from AlertRule r where r.organisationId is null")
	long countOperatorRules();

	@Query("select r from AlertRule r where r.enabled = true and r.metric is not null")
	List<AlertRule> findEnabledMetricRules();
}
