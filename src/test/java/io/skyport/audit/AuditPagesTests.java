package io.skyport.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail's pages: the operators' whole trail with filters and export, each organisation's own activity log,
 * and who may see which.
 */
@SkyportIntegrationTest
class AuditPagesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Test
	void an_operator_filters_the_whole_trail_and_exports_it() throws Exception {
		TestUser customer = accounts.customer();
		failSignIn(customer.email());
		MockHttpSession operator = session(accounts.operator());

		MvcTestResult page = mvc.get().uri("/panel/admin/audit").param("actor", customer.email())
			.param("outcome", "FAILURE").session(operator).exchange();

		assertThat(page).hasStatusOk();
		String html = page.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).contains("<h1>Audit trail</h1>").contains("auth.signin.failed").contains(customer.email())
			.contains("Organisation ID").contains("href=\"/panel/admin/audit/export.csv?actor=")
			.doesNotContain("auth.signin.succeeded");
		MvcTestResult csv = mvc.get().uri("/panel/admin/audit/export.csv").param("actor", customer.email())
			.session(operator).exchange();
		assertThat(csv).hasStatusOk();
		assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
		assertThat(csv.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("auth.signin.failed")
			.contains(customer.email());
	}

	@Test
	void a_bad_filter_is_shown_next_to_its_field() throws Exception {
		MockHttpSession operator = session(accounts.operator());

		MvcTestResult page = mvc.get().uri("/panel/admin/audit").param("from", "last tuesday")
			.param("organisation", "acme").session(operator).exchange();

		assertThat(page).hasStatusOk();
		assertThat(page.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("id=\"from-error\"").contains("not &#39;last tuesday&#39;").contains("id=\"organisation-error\"")
			.doesNotContain("Export CSV");
	}

	@Test
	void a_customer_sees_their_own_activity_and_not_the_operators_page() throws Exception {
		TestUser customer = accounts.customer();
		TestUser stranger = accounts.customer();
		failSignIn(stranger.email());
		MockHttpSession session = session(customer);

		MvcTestResult own = mvc.get().uri("/panel/audit").session(session).exchange();

		assertThat(own).hasStatusOk();
		assertThat(own.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("<h1>Activity log</h1>")
			.contains("auth.signin.succeeded").contains(customer.email()).doesNotContain(stranger.email())
			.doesNotContain("Organisation ID");
		assertThat(mvc.get().uri("/panel/audit").param("organisation", stranger.user().organisationId().id().toString())
			.param("actor", stranger.email()).session(session)).hasStatusOk().body().asString()
			.doesNotContain(stranger.email().substring(0, 20) + "</span>");
		assertThat(mvc.get().uri("/panel/audit/export.csv").session(session)).hasStatusOk().body().asString()
			.contains(customer.email()).doesNotContain(stranger.email());
		assertThat(mvc.get().uri("/panel/admin/audit").session(session)).hasStatus(403);
		assertThat(mvc.get().uri("/panel/admin/audit/export.csv").session(session)).hasStatus(403);
		assertThat(mvc.get().uri("/panel").session(session)).body().asString().contains("href=\"/panel/audit\"")
			.doesNotContain("href=\"/panel/admin/audit\"");
	}

	private void failSignIn(String email) {
		assertThat(mvc.post().uri("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("email", email, "password", "definitely wrong", "name", "n"))))
			.hasStatus(401);
	}

	private MockHttpSession session(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}
}
