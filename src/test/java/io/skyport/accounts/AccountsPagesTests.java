package io.skyport.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * The accounts pages: forms, their errors, sign-in with CSRF and session fixation protection, and who sees what.
 */
@SkyportIntegrationTest
class AccountsPagesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Registration registration;

	@LocalServerPort
	int port;

	@Test
	void the_storefront_and_sign_in_pages_are_public() {
		assertThat(mvc.get().uri("/")).hasStatusOk().body().asString().contains("Browse all products");
		assertThat(mvc.get().uri("/login")).hasStatusOk().body().asString().contains("name=\"_csrf\"");
		assertThat(mvc.get().uri("/signup?type=vendor")).hasStatusOk().body().asString()
			.contains("value=\"VENDOR\" checked");
	}

	@Test
	void the_panel_asks_anonymous_visitors_to_sign_in() {
		assertThat(mvc.get().uri("/panel/ssh-keys")).hasStatus3xxRedirection().redirectedUrl().endsWith("/login");
	}

	@Test
	void signing_up_with_the_form_creates_the_account_and_sends_the_customer_to_sign_in() {
		String email = TestData.uniqueEmail();

		assertThat(mvc.post().uri("/signup").with(csrf())
			.param("type", "CUSTOMER").param("name", "Ada").param("email", email).param("password", TestData.PASSWORD))
			.hasStatus3xxRedirection().hasRedirectedUrl("/login")
			.flash().containsEntry("notice", "Your account is ready. Sign in to continue.");
		assertThat(signIn(email, TestData.PASSWORD)).hasStatus3xxRedirection().hasRedirectedUrl("/panel");
	}

	@Test
	void a_rejected_sign_up_form_shows_each_problem_next_to_its_field_and_keeps_the_values_but_not_the_password() {
		MvcTestResult result = mvc.post().uri("/signup").with(csrf())
			.param("type", "CUSTOMER").param("name", "Ada <script>alert(1)</script>").param("email", "nope")
			.param("password", "secret-secret-pw").exchange();

		assertThat(result).hasStatusOk().body().asString()
			.contains("&#39;nope&#39; is not an e-mail address")
			.contains("aria-invalid=\"true\"")
			.contains("value=\"Ada &lt;script&gt;alert(1)&lt;/script&gt;\"")
			.doesNotContain("<script>alert(1)</script>")
			.doesNotContain("secret-secret-pw");
	}

	@Test
	void forms_without_a_csrf_token_are_refused() {
		assertThat(mvc.post().uri("/signup").param("name", "Ada").param("email", TestData.uniqueEmail())
			.param("password", TestData.PASSWORD)).hasStatus(403);
	}

	@Test
	void signing_in_changes_the_session_id() throws Exception {
		String email = customer();
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		HttpResponse<String> loginPage = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.build(), HttpResponse.BodyHandlers.ofString());
		String anonymousSession = cookie(loginPage, "SKYPORT_SESSION");
		String csrfToken = loginPage.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");

		HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("Cookie", "SKYPORT_SESSION=" + anonymousSession)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
					+ "&password=" + URLEncoder.encode(TestData.PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrfToken))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/panel"));
		assertThat(cookie(signedIn, "SKYPORT_SESSION")).isNotBlank().isNotEqualTo(anonymousSession);
	}

	private static String cookie(HttpResponse<?> response, String name) {
		return response.headers().allValues("Set-Cookie").stream()
			.filter(header -> header.startsWith(name + "="))
			.map(header -> header.substring(name.length() + 1, header.indexOf(';')))
			.findFirst().orElse("");
	}

	@Test
	void a_wrong_password_shows_the_reason_on_the_sign_in_page() {
		MvcTestResult failed = signIn(customer(), "not the password at all");
		assertThat(failed).hasStatus3xxRedirection().hasRedirectedUrl("/login?error");

		MockHttpSession session = (MockHttpSession) failed.getRequest().getSession(false);
		assertThat(mvc.get().uri("/login?error").session(session)).hasStatusOk().body().asString()
			.contains(SignIn.WRONG_CREDENTIALS);
	}

	@Test
	void an_operator_approves_a_vendor_in_the_panel_and_the_vendor_can_then_sign_in() {
		String vendor = TestData.uniqueEmail();
		assertThat(mvc.post().uri("/signup").with(csrf()).param("type", "VENDOR").param("organisationName", "Byte Forge")
			.param("name", "Vera").param("email", vendor).param("password", TestData.PASSWORD))
			.hasRedirectedUrl("/signup/requested");
		MockHttpSession operator = session(operator());
		UUID request = registration.pendingRequests().stream()
			.filter(r -> r.email().equals(vendor)).findFirst().orElseThrow().id();

		assertThat(mvc.get().uri("/panel/admin/signups").session(operator)).hasStatusOk().body().asString()
			.contains(vendor).contains("Byte Forge");
		assertThat(mvc.post().uri("/panel/admin/signups/{id}/approve", request).session(operator).with(csrf()))
			.hasRedirectedUrl("/panel/admin/signups");
		assertThat(mvc.post().uri("/panel/admin/signups/{id}/approve", request).session(operator).with(csrf()))
			.hasStatusOk().body().asString().contains("This request was already approved.");

		assertThat(signIn(vendor, TestData.PASSWORD)).hasRedirectedUrl("/panel");
	}

	@Test
	void a_rejected_reseller_learns_why_when_signing_in() {
		String reseller = TestData.uniqueEmail();
		registration.signUp(new Registration.SignupCommand(OrganisationType.RESELLER, "Resell Co", "Rex", reseller,
				TestData.PASSWORD, null));
		UUID request = registration.pendingRequests().stream()
			.filter(r -> r.email().equals(reseller)).findFirst().orElseThrow().id();
		MockHttpSession operator = session(operator());

		assertThat(mvc.post().uri("/panel/admin/signups/{id}/reject", request).session(operator).with(csrf())
			.param("reason", " ")).hasStatusOk().body().asString().contains("Say why the request is rejected");
		assertThat(mvc.post().uri("/panel/admin/signups/{id}/reject", request).session(operator).with(csrf())
			.param("reason", "We only work with registered companies.")).hasRedirectedUrl("/panel/admin/signups");

		MvcTestResult failed = signIn(reseller, TestData.PASSWORD);
		assertThat(mvc.get().uri("/login?error").session((MockHttpSession) failed.getRequest().getSession(false)))
			.body().asString().contains("was not approved: We only work with registered companies.");
	}

	@Test
	void customers_cannot_open_the_administration_pages() {
		MockHttpSession customer = session(customer());

		assertThat(mvc.get().uri("/panel/admin/signups").session(customer)).hasStatus(403);
		assertThat(mvc.get().uri("/panel").session(customer)).hasStatusOk().body().asString()
			.doesNotContain("/panel/admin/signups");
	}

	@Test
	void an_ssh_key_is_added_and_deleted_in_the_panel() throws Exception {
		MockHttpSession customer = session(customer());

		assertThat(mvc.post().uri("/panel/ssh-keys").session(customer).with(csrf())
			.param("name", "laptop").param("publicKey", SshKeyFixtures.read("id_ed25519.pub")))
			.hasRedirectedUrl("/panel/ssh-keys");
		String page = mvc.get().uri("/panel/ssh-keys").session(customer).exchange().getResponse().getContentAsString();
		assertThat(page).contains("laptop").contains("SHA256:D27+u8tq0ri/7gjQrJ11q210O5FC9QqLnsmfFXK/yyA");

		String id = page.replaceAll("(?s).*data-key-id=\"([0-9a-f-]{36})\".*", "$1");
		assertThat(mvc.post().uri("/panel/ssh-keys/{id}/delete", id).session(session(customer())).with(csrf()))
			.hasStatus(404);
		assertThat(mvc.post().uri("/panel/ssh-keys/{id}/delete", id).session(customer).with(csrf()))
			.hasRedirectedUrl("/panel/ssh-keys");
		assertThat(mvc.get().uri("/panel/ssh-keys").session(customer)).body().asString()
			.contains("You have no SSH keys yet");
	}

	@Test
	void a_bad_key_in_the_panel_shows_the_reason_and_keeps_what_was_pasted() {
		MockHttpSession customer = session(customer());

		assertThat(mvc.post().uri("/panel/ssh-keys").session(customer).with(csrf())
			.param("name", "oops").param("publicKey", SshKeyFixtures.read("id_rsa1024.pub")))
			.hasStatusOk().body().asString()
			.contains("1024 bits")
			.contains(SshKeyFixtures.read("id_rsa1024.pub").strip().substring(0, 40));
	}

	@Test
	void a_token_created_in_the_panel_is_shown_once() {
		MockHttpSession customer = session(customer());

		MvcTestResult created = mvc.post().uri("/panel/tokens").session(customer).with(csrf()).param("name", "deploy").exchange();
		assertThat(created).hasRedirectedUrl("/panel/tokens").flash().containsKey("issuedToken");
		String secret = (String) created.getMvcResult().getFlashMap().get("issuedToken");

		assertThat(mvc.get().uri("/panel/tokens").session(customer)).body().asString().contains(secret);
		assertThat(mvc.get().uri("/panel/tokens").session(customer)).body().asString()
			.contains("deploy").doesNotContain(secret);
	}

	@Test
	void unknown_pages_get_the_friendly_404_page() {
		assertThat(mvc.get().uri("/panel/ssh-keys/" + UUID.randomUUID() + "/delete").session(session(customer())))
			.hasStatus(405);
	}

	private MvcTestResult signIn(String email, String password) {
		return mvc.post().uri("/login").with(csrf()).param("username", email).param("password", password).exchange();
	}

	private MockHttpSession session(String email) {
		MvcTestResult result = signIn(email, TestData.PASSWORD);
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	private String customer() {
		String email = TestData.uniqueEmail();
		registration.signUp(new Registration.SignupCommand(OrganisationType.CUSTOMER, null, "Carla", email,
				TestData.PASSWORD, null));
		return email;
	}

	private String operator() {
		String email = TestData.uniqueEmail();
		registration.createOperator("Ops", "Otto", email, TestData.PASSWORD);
		return email;
	}
}
