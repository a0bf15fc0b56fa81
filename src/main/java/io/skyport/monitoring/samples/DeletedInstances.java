package io.skyport.monitoring.samples;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.skyport.compute.InstanceState;
import io.skyport.compute.InstanceStateChanged;

/**
 * Forgets a deleted instance as a subject: its last counters and its Prometheus series go, and alert rules stop
 * considering it. Its samples stay until retention removes them (they still back its graphs and its bandwidth bill).
 * Idempotent.
 */
@Component
class DeletedInstances {

	private final JdbcTemplate jdbc;

	DeletedInstances(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(InstanceStateChanged event) {
		if (event.to() == InstanceState.DELETED) {
			jdbc.update("delete from monitoring_subjects where kind = 'INSTANCE' and id = ?", event.instanceId().id());
		}
	}
}
