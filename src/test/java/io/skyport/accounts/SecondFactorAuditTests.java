package io.skyport.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sign-ins with an authenticator app reach the audit trail like any other: the code step's failure and success, and
 * token creation with a code; the password step alone (right password, code still missing) is no failure.
 */
@SkyportIntegrationTest
class SecondFactorAuditTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	SecondFactors factors;

	@Test
	void the_code_step_is_recorded_as_a_failure_and_then_as_the_sign_in() {
		TestUser user = accounts.customer();
		byte[] secret = Totp.Base32.decode(factors.startTotp(user.user()).secret());
		List<String> recoveryCodes = factors.confirmTotp(user.user().userId(), SecondFactorsApiTests.code(secret, 0));

		MvcTestResult password = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(password).hasRedirectedUrl("/login/code");
		MockHttpSession session = (MockHttpSession) password.getRequest().getSession(false);
		assertThat(signIns(user, "auth.signin.failed")).as("a right password waiting for its code").isEmpty();

		mvc.post().uri("/login/code").session(session).with(csrf()).param("code", "12345x").exchange();
		assertThat(signIns(user, "auth.signin.failed")).singleElement().asString().contains("bad-credentials");

		assertThat(mvc.post().uri("/login/code").session(session).with(csrf())
			.param("code", SecondFactorsApiTests.code(secret, 1))).hasStatus3xxRedirection();
		assertThat(signIns(user, "auth.signin.succeeded")).singleElement().asString().contains("password+totp");

		assertThat(mvc.post().uri("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("email", user.email(), "password", TestData.PASSWORD, "name",
					"script", "totpCode", recoveryCodes.getFirst())))).hasStatus(201);
		assertThat(signIns(user, "auth.signin.succeeded")).hasSize(2);
	}

	private List<String> signIns(TestUser user, String action) {
		return jdbc.sql("select details::text from audit_entries where action = :action and actor_email = :email")
			.param("action", action)
			.param("email", user.email())
			.query(String.class)
			.list();
	}
}
