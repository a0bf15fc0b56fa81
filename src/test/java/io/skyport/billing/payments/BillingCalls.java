package io.skyport.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * Invoice runs, invoices, payments and panel sessions over HTTP, for the payments, dunning and revenue tests.
 */
public final class BillingCalls {

	private final MockMvcTester mvc;
	private final JsonMapper json;

	public BillingCalls(MockMvcTester mvc, JsonMapper json) {
		this.mvc = mvc;
		this.json = json;
	}

	/** Issues a run as of {@code asOf}. */
	public void issue(TestUser operator, LocalDate asOf) {
		assertThat(send(HttpMethod.POST, "/api/v1/billing/runs", Map.of("asOf", asOf.toString(), "dryRun", false),
				operator)).hasStatus(201);
	}

	/** The customer's only invoice. */
	public Map<String, Object> onlyInvoice(TestUser customer) {
		List<Map<String, Object>> invoices = read(get("/api/v1/invoices", customer), "$");
		assertThat(invoices).hasSize(1);
		return invoices.getFirst();
	}

	public Map<String, Object> invoice(TestUser user, Object id) {
		return read(get("/api/v1/invoices/" + id, user), "$");
	}

	public MvcTestResult pay(TestUser user, Object invoiceId, String amount, String paidOn, String reference) {
		return send(HttpMethod.POST, "/api/v1/invoices/" + invoiceId + "/payments",
				Map.of("amount", amount, "paidOn", paidOn, "reference", reference), user);
	}

	public MvcTestResult get(String uri, TestUser user) {
		return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer()).exchange();
	}

	public MvcTestResult send(HttpMethod method, String uri, @Nullable Object body, TestUser user) {
		var request = mvc.method(method).uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return request.exchange();
	}

	public MockHttpSession session(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	public String page(MockHttpSession session, String uri) {
		MvcTestResult result = mvc.get().uri(uri).session(session).exchange();
		assertThat(result).hasStatusOk();
		return body(result);
	}

	public static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	public static <T> T read(MvcTestResult result, String path) {
		assertThat(result).hasStatus2xxSuccessful();
		return JsonPath.read(body(result), path);
	}

	public static UUID id(Map<String, Object> invoice) {
		return UUID.fromString((String) invoice.get("id"));
	}
}
