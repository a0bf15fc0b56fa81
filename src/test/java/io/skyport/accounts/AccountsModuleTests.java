package io.skyport.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

import io.skyport.testing.TestData;

/**
 * The accounts module on its own (plus the shared platform): the events it publishes for other modules.
 */
@ApplicationModuleTest
class AccountsModuleTests {

	@Autowired
	Registration registration;

	@Autowired
	SshKeyService sshKeys;

	@Test
	void signing_up_a_customer_publishes_user_registered(Scenario scenario) {
		String email = TestData.uniqueEmail();

		scenario.stimulate(() -> registration.signUp(new Registration.SignupCommand(OrganisationType.CUSTOMER, null,
				"Ada", email, TestData.PASSWORD, null)))
			.andWaitForEventOfType(UserRegistered.class)
			.matching(event -> event.organisationType() == OrganisationType.CUSTOMER)
			.toArriveAndVerify((event, outcome) -> {
				Registration.AccountCreated created = (Registration.AccountCreated) outcome;
				assertThat(event.userId()).isEqualTo(created.user().userId());
				assertThat(event.organisationId()).isEqualTo(created.user().organisationId());
			});
	}

	@Test
	void a_vendor_request_and_its_approval_are_published(Scenario scenario) {
		String email = TestData.uniqueEmail();
		UserId operator = registration.createOperator("Ops", "Otto", TestData.uniqueEmail(), TestData.PASSWORD).userId();

		Registration.RequestSubmitted submitted = (Registration.RequestSubmitted) registration.signUp(
				new Registration.SignupCommand(OrganisationType.VENDOR, "Byte Forge", "Vera", email, TestData.PASSWORD, null));

		scenario.stimulate(() -> registration.approve(submitted.requestId(), operator))
			.andWaitForEventOfType(PartnerSignupDecided.class)
			.matching(event -> event.requestId().equals(submitted.requestId()))
			.toArriveAndVerify(event -> assertThat(event.approved()).isTrue());
	}

	@Test
	void adding_and_removing_an_ssh_key_are_published(Scenario scenario) {
		Registration.AccountCreated customer = (Registration.AccountCreated) registration.signUp(
				new Registration.SignupCommand(OrganisationType.CUSTOMER, null, "Ada", TestData.uniqueEmail(),
						TestData.PASSWORD, null));
		UserId user = customer.user().userId();

		scenario.stimulate(() -> sshKeys.add(user, "laptop", SshKeyFixtures.read("id_ed25519.pub")))
			.andWaitForEventOfType(SshKeyAdded.class)
			.matching(event -> event.userId().equals(user))
			.toArriveAndVerify((event, key) -> assertThat(event.sshKeyId().id()).isEqualTo(key.id()));
		SshKeyService.SshKeyView added = sshKeys.list(user).getFirst();

		scenario.stimulate(() -> sshKeys.delete(user, added.id()))
			.andWaitForEventOfType(SshKeyRemoved.class)
			.matching(event -> event.userId().equals(user))
			.toArriveAndVerify(event -> assertThat(event.sshKeyId().id()).isEqualTo(added.id()));
	}
}
