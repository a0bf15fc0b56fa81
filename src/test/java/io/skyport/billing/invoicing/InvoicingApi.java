package io.skyport.billing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures.TestUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls of the invoicing API for tests, as a given user.
 */
final class InvoicingApi {

	private final MockMvcTester mvc;
	private final JsonMapper json;

	InvoicingApi(MockMvcTester mvc, JsonMapper json) {
		this.mvc = mvc;
		this.json = json;
	}

	MvcTestResult run(TestUser operator, LocalDate asOf, boolean dryRun) {
		return send(HttpMethod.POST, "/api/v1/billing/runs", Map.of("asOf", asOf.toString(), "dryRun", dryRun), operator);
	}

	/** Runs for real and returns the report. */
	String issue(TestUser operator, LocalDate asOf) {
		MvcTestResult result = run(operator, asOf, false);
		assertThat(result).hasStatus(201);
		return body(result);
	}

	MvcTestResult get(String uri, TestUser user) {
		return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer()).exchange();
	}

	MvcTestResult send(HttpMethod method, String uri, @Nullable Object body, TestUser user) {
		var request = mvc.method(method).uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return request.exchange();
	}

	/** The customer's invoices, newest first. */
	List<Map<String, Object>> invoices(TestUser customer) {
		return read(get("/api/v1/invoices", customer), "$");
	}

	Map<String, Object> invoice(TestUser user, Object id) {
		return read(get("/api/v1/invoices/" + id, user), "$");
	}

	static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	static <T> T read(MvcTestResult result, String path) {
		assertThat(result).hasStatus2xxSuccessful();
		return JsonPath.read(body(result), path);
	}
}
