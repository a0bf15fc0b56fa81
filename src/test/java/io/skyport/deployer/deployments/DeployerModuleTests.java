package io.skyport.deployer.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.OrganisationId;
import io.skyport.deployer.DeploymentFailed;
import io.skyport.deployer.DeploymentId;
import io.skyport.deployer.DeploymentState;

/**
 * The deployer with the modules it depends on (and theirs): what it announces. A server nobody could log in to (no SSH key, no
 * product login) fails its prerequisites for good, rolls back what little it made and publishes
 * {@link DeploymentFailed} with the reason.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class DeployerModuleTests {

	@Autowired
	DeploymentRequests requests;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AccountFixtures accounts;

	@Test
	void a_server_nobody_could_log_in_to_fails_and_says_why(Scenario scenario) {
		OrganisationId owner = accounts.customer().user().organisationId();
		ServerSpec spec = new ServerSpec("nobody-" + UUID.randomUUID().toString().substring(0, 8), null, List.of(),
				"nowhere", 1, 512, 5, null, null, UUID.randomUUID(), null, List.of());
		DeploymentId[] created = new DeploymentId[1];

		scenario.stimulate(() -> transactions.executeWithoutResult(status -> created[0] = requests.create(owner,
				new Deployment.Origin(null, null, null, null, null, "small", false), spec)))
			.andWaitForEventOfType(DeploymentFailed.class)
			.matching(event -> event.deploymentId().equals(created[0]))
			.toArriveAndVerify(event -> {
				assertThat(event.step()).isEqualTo(DeploymentState.CHECKING_PREREQUISITES);
				assertThat(event.reason()).contains("No SSH key was chosen");
				assertThat(event.rolledBack()).isTrue();
				assertThat(event.organisationId()).isEqualTo(owner);
			});
	}
}
