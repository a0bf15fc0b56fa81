package io.skyport.billing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.invoicing.InvoicingFixtures.Customer;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who sees which invoice, over the API and in the panel, and the operator's run page.
 */
@SkyportIntegrationTest
class InvoicePagesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	InvoicingFixtures billing;

	@Test
	void a_customer_sees_only_its_own_invoices_and_an_operator_sees_everyones() {
		InvoicingApi api = new InvoicingApi(mvc, json);
		TestUser operator = accounts.operator();
		Customer customer = billing.customer();
		Customer other = billing.customer();
		billing.subscription(customer, "30.00", "EUR", billing.today());
		api.issue(operator, billing.today());
		Map<String, Object> invoice = api.invoices(customer.user()).getFirst();

		assertThat(api.invoices(other.user())).isEmpty();
		assertThat(api.get("/api/v1/invoices/" + invoice.get("id"), other.user())).hasStatus(404);
		assertThat(api.get("/api/v1/invoices/" + invoice.get("id"), operator)).hasStatusOk().bodyJson()
			.extractingPath("$.number").isEqualTo(invoice.get("number"));
		List<Map<String, Object>> all = InvoicingApi.read(api.get("/api/v1/invoices?size=500", operator), "$");
		assertThat(all).extracting(i -> i.get("id")).contains(invoice.get("id"));
		assertThat(api.get("/api/v1/invoices/not-a-uuid", customer.user())).hasStatus(400);

		String list = page(session(customer.user()), "/panel/invoices");
		assertThat(list).contains((String) invoice.get("number")).contains("€35.70");
		String detail = page(session(customer.user()), "/panel/invoices/" + invoice.get("id"));
		assertThat(detail).contains("PostgreSQL · Small").contains("Download PDF").contains("VAT 19 %");
		assertThat(mvc.get().uri("/panel/invoices/" + invoice.get("id")).session(session(other.user())).exchange())
			.hasStatus(404);
		assertThat(page(session(operator), "/panel/admin/invoices")).contains((String) invoice.get("number"));
	}

	@Test
	void an_operator_previews_a_run_then_issues_it_after_confirming() {
		Customer customer = billing.customer();
		billing.subscription(customer, "20.00", "EUR", billing.today());
		MockHttpSession operator = session(accounts.operator());
		String customerName = customer.user().user().organisationName();
		LocalDate today = billing.today();

		assertThat(page(operator, "/panel/admin/billing/runs")).contains("Next invoice run").contains(today.toString());
		String preview = body(mvc.post().uri("/panel/admin/billing/runs/preview").session(operator).with(csrf())
			.param("asOf", today.toString()).exchange());
		assertThat(preview).contains("Preview as of " + today).contains(customerName).contains("Issue invoices");
		assertThat(body(mvc.post().uri("/panel/admin/billing/runs/preview").session(operator).with(csrf())
			.param("asOf", today.plusDays(60).toString()).exchange())).contains("Runs may look ahead at most 31 days");

		String unconfirmed = body(mvc.post().uri("/panel/admin/billing/runs").session(operator).with(csrf())
			.param("asOf", today.toString()).exchange());
		assertThat(unconfirmed).contains("Tick the box");
		assertThat(new InvoicingApi(mvc, json).invoices(customer.user())).isEmpty();

		assertThat(mvc.post().uri("/panel/admin/billing/runs").session(operator).with(csrf())
			.param("asOf", today.toString()).param("confirmed", "true").exchange())
			.hasRedirectedUrl("/panel/admin/billing/runs");
		assertThat(new InvoicingApi(mvc, json).invoices(customer.user())).hasSize(1);
		assertThat(page(operator, "/panel/admin/billing/runs")).contains("Past runs").contains(today.toString());
		assertThat(mvc.get().uri("/panel/admin/billing/runs").session(session(customer.user())).exchange()).hasStatus(403);
	}

	private String page(MockHttpSession session, String uri) {
		MvcTestResult result = mvc.get().uri(uri).session(session).exchange();
		assertThat(result).hasStatusOk();
		return body(result);
	}

	private static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private MockHttpSession session(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}
}
