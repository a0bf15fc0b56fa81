package io.skyport.accounts;

import org.springframework.stereotype.Component;

import io.skyport.testing.TestData;

/**
 * Creates signed-up users with an API token for tests of other modules (operators cannot sign up through the API).
 * A test-only bean: autowire it in a {@code @SkyportIntegrationTest}.
 */
@Component
public class AccountFixtures {

	private final Registration registration;
	private final ApiTokenService tokens;

	AccountFixtures(Registration registration, ApiTokenService tokens) {
		this.registration = registration;
		this.tokens = tokens;
	}

	/** A user of a fresh organisation, its e-mail address, and an API token for {@code Authorization: Bearer}. */
	public record TestUser(CurrentUser user, String email, String token) {

		public String bearer() {
			return "Bearer " + token;
		}
	}

	public TestUser customer() {
		return create(OrganisationType.CUSTOMER, "Customer");
	}

	public TestUser vendor() {
		return create(OrganisationType.VENDOR, "Vendor");
	}

	public TestUser reseller() {
		return create(OrganisationType.RESELLER, "Reseller");
	}

	public TestUser operator() {
		return create(OrganisationType.OPERATOR, "Operator");
	}

	private TestUser create(OrganisationType type, String label) {
		String email = TestData.uniqueEmail();
		CurrentUser user = registration.createApproved(type, label + " " + email.substring(5, 13), label + " Person", email,
				TestData.PASSWORD);
		return new TestUser(user, email, tokens.issue(user.userId(), "test").secret());
	}
}
