package io.skyport.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * The panel's two-step sign-in, the sign-in security page, and operators sent to enrol while the policy is on.
 */
@SkyportIntegrationTest
class SecondFactorsPagesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	SecondFactors factors;

	@Autowired
	SecondFactorPolicy policy;

	@Test
	void with_an_authenticator_app_the_password_alone_does_not_sign_in() {
		TestUser user = accounts.customer();
		byte[] secret = enrol(user);

		MvcTestResult password = signIn(user.email());
		assertThat(password).hasStatus3xxRedirection().hasRedirectedUrl("/login/code");
		MockHttpSession session = (MockHttpSession) password.getRequest().getSession(false);
		assertThat(mvc.get().uri("/panel").session(session)).hasStatus3xxRedirection().redirectedUrl().endsWith("/login");
		assertThat(mvc.get().uri("/login/code").session(session)).hasStatusOk().body().asString()
			.contains("Enter your code").contains("autocomplete=\"one-time-code\"");

		assertThat(mvc.post().uri("/login/code").session(session).with(csrf()).param("code", "12345x"))
			.hasStatusOk().body().asString().contains("That code is not right or was already used.");
		assertThat(mvc.get().uri("/panel").session(session)).hasStatus3xxRedirection();

		String idBeforeCode = session.getId();
		MvcTestResult code = mvc.post().uri("/login/code").session(session).with(csrf())
			.param("code", SecondFactorsApiTests.code(secret, 1)).exchange();
		assertThat(code).as("back to the page that asked for sign-in").hasStatus3xxRedirection()
			.redirectedUrl().endsWith("/panel?continue");
		MockHttpSession signedIn = (MockHttpSession) code.getRequest().getSession(false);
		assertThat(mvc.get().uri("/panel").session(signedIn)).hasStatusOk();
		assertThat(signedIn.getId()).as("a new session ID once signed in").isNotEqualTo(idBeforeCode);
	}

	@Test
	void the_code_page_without_a_password_first_sends_back_to_sign_in() {
		assertThat(mvc.get().uri("/login/code")).hasStatus3xxRedirection().hasRedirectedUrl("/login");
		assertThat(mvc.post().uri("/login/code").with(csrf()).param("code", "123456"))
			.hasStatus3xxRedirection().hasRedirectedUrl("/login");
	}

	@Test
	void a_recovery_code_signs_in_once_and_never_again() {
		TestUser user = accounts.customer();
		TestUserCodes enrolled = enrolWithCodes(user);
		String recoveryCode = enrolled.recoveryCodes().get(0);

		MockHttpSession first = passwordStep(user.email());
		assertThat(mvc.post().uri("/login/code").session(first).with(csrf()).param("code", recoveryCode))
			.hasStatus3xxRedirection().hasRedirectedUrl("/panel");

		MockHttpSession second = passwordStep(user.email());
		assertThat(mvc.post().uri("/login/code").session(second).with(csrf()).param("code", recoveryCode))
			.hasStatusOk().body().asString().contains("That code is not right or was already used.");
	}

	@Test
	void a_user_sets_up_the_app_on_the_security_page_from_the_qr_code_and_sees_recovery_codes_once() throws Exception {
		TestUser user = accounts.customer();
		MockHttpSession panel = (MockHttpSession) signIn(user.email()).getRequest().getSession(false);

		assertThat(mvc.post().uri("/panel/account/security/totp").session(panel).with(csrf()))
			.hasStatus3xxRedirection().hasRedirectedUrl("/panel/account/security#totp");
		String page = mvc.get().uri("/panel/account/security").session(panel).exchange().getResponse().getContentAsString();
		assertThat(page).contains("src=\"data:image/svg+xml;base64,").contains("Code from the app");
		byte[] secret = Totp.Base32.decode(attribute(page, "data-secret"));

		assertThat(mvc.post().uri("/panel/account/security/totp/confirm").session(panel).with(csrf()).param("code", "abc"))
			.hasStatusOk().body().asString().contains("That code is not right").contains("aria-invalid=\"true\"");
		String confirmed = mvc.post().uri("/panel/account/security/totp/confirm").session(panel).with(csrf())
			.param("code", SecondFactorsApiTests.code(secret, 0)).exchange().getResponse().getContentAsString();
		assertThat(confirmed).contains("Your recovery codes").contains("Turn off the authenticator app");
		assertThat(Pattern.compile("<li><code>[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}</code></li>").matcher(confirmed)
			.results().count()).isEqualTo(10);

		assertThat(mvc.get().uri("/panel/account/security").session(panel)).hasStatusOk().body().asString()
			.doesNotContain("Your recovery codes").contains("10</strong> unused recovery codes");
		assertThat(signIn(user.email())).hasRedirectedUrl("/login/code");
	}

	@Test
	void another_users_passkey_cannot_be_renamed_or_removed_from_the_page() {
		TestUser owner = accounts.customer();
		TestUser intruder = accounts.customer();
		MockHttpSession session = (MockHttpSession) signIn(intruder.email()).getRequest().getSession(false);

		assertThat(mvc.post().uri("/panel/account/security/passkeys/{id}/remove", "cred-" + owner.user().userId().id())
			.session(session).with(csrf())).hasStatus(404);
		assertThat(mvc.post().uri("/panel/account/security/passkeys/{id}/rename", "nope").param("label", "x")
			.session(session).with(csrf())).hasStatus(404);
	}

	@Test
	void while_the_policy_is_on_an_operator_without_a_second_factor_is_sent_to_enrol_first() {
		TestUser operator = accounts.operator();
		TestUser customer = accounts.customer();
		MockHttpSession session = (MockHttpSession) signIn(operator.email()).getRequest().getSession(false);
		MockHttpSession customerSession = (MockHttpSession) signIn(customer.email()).getRequest().getSession(false);
		assertThat(mvc.get().uri("/panel/admin/organisations").session(session)).hasStatusOk();

		assertThat(mvc.post().uri("/panel/admin/second-factor-policy").session(session).with(csrf()).param("required", "true"))
			.hasStatus3xxRedirection();
		try {
			assertThat(mvc.get().uri("/panel/admin/organisations").session(session))
				.hasStatus3xxRedirection().hasRedirectedUrl("/panel/account/security?required");
			assertThat(mvc.get().uri("/panel").session(session))
				.hasStatus3xxRedirection().hasRedirectedUrl("/panel/account/security?required");
			assertThat(mvc.get().uri("/panel/account/security?required").session(session)).hasStatusOk().body().asString()
				.contains("Operators of this Skyport must sign in with a second factor");
			assertThat(mvc.get().uri("/panel/ssh-keys").session(customerSession)).as("customers are not affected").hasStatusOk();

			enrol(operator);

			assertThat(mvc.get().uri("/panel/admin/organisations").session(session)).hasStatusOk();
		}
		finally {
			policy.requireForOperators(false, operator.user());
		}
	}

	@Test
	void a_forged_passkey_registration_or_sign_in_is_refused_without_a_server_error() {
		TestUser user = accounts.customer();
		MockHttpSession session = (MockHttpSession) signIn(user.email()).getRequest().getSession(false);
		String forged = """
				{"publicKey": {"credential": {"id": "AAAA", "rawId": "AAAA", "type": "public-key",
				  "response": {"attestationObject": "AAAA", "clientDataJSON": "e30", "transports": ["internal"]},
				  "clientExtensionResults": {}, "authenticatorAttachment": "platform"}, "label": "forged"}}""";

		assertThat(mvc.post().uri("/webauthn/register/options").session(session).with(csrf())).hasStatusOk()
			.bodyJson().extractingPath("$.rp.id").isEqualTo("localhost");
		assertThat(mvc.post().uri("/webauthn/register").session(session).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(forged))
			.hasStatus(400)
			.bodyJson().extractingPath("$.error").isEqualTo(PasskeyRegistrationErrors.REFUSED);
		assertThat(factors.passkeys(user.email())).isEmpty();

		assertThat(mvc.post().uri("/webauthn/register/options").with(csrf())).hasStatus(400);
		assertThat(mvc.post().uri("/webauthn/register").with(csrf()).contentType(MediaType.APPLICATION_JSON).content(forged))
			.hasStatus3xxRedirection();
		assertThat(mvc.post().uri("/login/webauthn").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.hasStatus(401);
	}

	@Test
	void customers_cannot_switch_the_operators_policy() {
		TestUser customer = accounts.customer();
		MockHttpSession session = (MockHttpSession) signIn(customer.email()).getRequest().getSession(false);

		assertThat(mvc.post().uri("/panel/admin/second-factor-policy").session(session).with(csrf()).param("required", "true"))
			.hasStatus(403);
		assertThat(policy.requiredForOperators()).isFalse();
	}

	record TestUserCodes(byte[] secret, List<String> recoveryCodes) {
	}

	private byte[] enrol(TestUser user) {
		return enrolWithCodes(user).secret();
	}

	private TestUserCodes enrolWithCodes(TestUser user) {
		byte[] secret = Totp.Base32.decode(factors.startTotp(user.user()).secret());
		List<String> codes = factors.confirmTotp(user.user().userId(), SecondFactorsApiTests.code(secret, 0));
		return new TestUserCodes(secret, codes);
	}

	private MockHttpSession passwordStep(String email) {
		MvcTestResult result = signIn(email);
		assertThat(result).hasRedirectedUrl("/login/code");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	private MvcTestResult signIn(String email) {
		return mvc.post().uri("/login").with(csrf()).param("username", email).param("password", TestData.PASSWORD).exchange();
	}

	private static String attribute(String html, String name) {
		Matcher matcher = Pattern.compile(name + "=\"([^\"]+)\"").matcher(html);
		assertThat(matcher.find()).as(name + " in the page").isTrue();
		return matcher.group(1);
	}
}
