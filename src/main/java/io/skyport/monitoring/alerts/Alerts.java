package io.skyport.monitoring.alerts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface Alerts extends ListCrudRepository<Alert, UUID> {

	Optional<Alert> findByRuleIdAndSubjectKeyAndState(UUID ruleId, String subjectKey, Alert.State state);

	List<Alert> findByRuleIdAndState(UUID ruleId, Alert.State state);

	Optional<Alert> findByIdAndOrganisationId(UUID id, UUID organisationId);

	@Query("select a from Alert a where a.id = ?1 and a.organisationId is null")
	Optional<Alert> findOperatorAlert(UUID id);

	/** An organisation's alerts in the given states, newest first. */
	@Query("select a from Alert a where a.organisationId = ?1 and a.state in ?2 order by a.firedAt desc, a.id desc")
	List<Alert> findOwn(UUID organisationId, Collection<Alert.State> states, Pageable page);

	/** The operators' alerts in the given states, newest first. */
	@Query("select a from Alert a where a.organisationId is null and a.state in ?1 order by a.firedAt desc, a.id desc")
	List<Alert> findOperators(Collection<Alert.State> states, Pageable page);

	/** Rule ID and the number of its firing alerts, for the given rules that have any. */
	@Query("select a.ruleId, count(a) from Alert a where a.state = 'FIRING' and a.ruleId in ?1 group by a.ruleId")
	List<Object[]> countFiring(Collection<UUID> ruleIds);
}
