package io.skyport.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

import io.skyport.accounts.OrganisationId;
import io.skyport.compute.InstanceId;
import io.skyport.compute.InstanceState;
import io.skyport.compute.InstanceStateChanged;
import io.skyport.monitoring.samples.Counters;
import io.skyport.monitoring.samples.SampleStore;
import io.skyport.monitoring.samples.SubjectInfo;
import io.skyport.monitoring.samples.SubjectKind;
import io.skyport.monitoring.samples.SubjectState;
import io.skyport.monitoring.samples.Subjects;

/** Monitoring with the modules it depends on: a deleted instance stops being a subject (and loses its series). */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@TestPropertySource(properties = { "skyport.monitoring.enabled=false", "skyport.compute.probe-enabled=false" })
class MonitoringModuleTests {

	@Autowired
	SampleStore store;

	@Autowired
	Subjects subjects;

	@Test
	void a_deleted_instance_is_forgotten_as_a_subject(Scenario scenario) {
		UUID instance = UUID.randomUUID();
		UUID owner = UUID.randomUUID();
		store.record(List.of(), List.of(), List.of(new SubjectState(SubjectKind.INSTANCE, instance, "gone-1", owner, null,
				UUID.randomUUID(), "eu-1", 1, "1", Instant.now(), Counters.ZERO)));
		assertThat(subjects.find(SubjectKind.INSTANCE, instance)).isPresent();

		scenario.publish(new InstanceStateChanged(new InstanceId(instance), new OrganisationId(owner),
				InstanceState.DELETING, InstanceState.DELETED))
			.andWaitForStateChange(() -> subjects.find(SubjectKind.INSTANCE, instance), Optional<SubjectInfo>::isEmpty)
			.andVerify(found -> assertThat(found).isEmpty());
	}
}
