package io.skyport.billing.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.catalog.PlanId;
import io.skyport.compute.CapacityFixtures;
import tools.jackson.databind.json.JsonMapper;

/** Calls of the billing API as a user with a token, for the tests of this package. */
record BillingApi(MockMvcTester mvc, JsonMapper json) {

	MvcTestResult get(String uri, TestUser user) {
		return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer()).exchange();
	}

	MvcTestResult send(String method, String uri, @Nullable Object body, TestUser user) {
		var request = mvc.method(HttpMethod.valueOf(method)).uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return request.exchange();
	}

	/** An order in {@link CapacityFixtures#ROOMY_REGION}, which has room for any plan that allows it. */
	MvcTestResult order(TestUser customer, PlanId plan, boolean trial, @Nullable String storefront, List<String> keys) {
		Map<String, Object> body = new HashMap<>();
		body.put("region", CapacityFixtures.ROOMY_REGION);
		body.put("planId", plan.id());
		body.put("trial", trial);
		body.put("sshKeyIds", keys);
		if (storefront != null) {
			body.put("storefront", storefront);
		}
		return send("POST", "/api/v1/orders", body, customer);
	}

	/** Orders and returns the new subscription's ID. */
	UUID subscribe(TestUser customer, PlanId plan, boolean trial) {
		return UUID.fromString(read(order(customer, plan, trial, null, List.of()), "$.subscriptionId"));
	}

	static Map<String, Object> billingDetails(String legalName) {
		Map<String, Object> details = new HashMap<>();
		details.put("legalName", legalName);
		details.put("billingEmail", "invoices@example.test");
		details.put("addressLine1", "1 Harbour Street");
		details.put("postalCode", "10115");
		details.put("city", "Berlin");
		details.put("country", "de");
		details.put("vatNumber", "de 123 456 789");
		details.put("business", true);
		return details;
	}

	static <T> T read(MvcTestResult result, String path) {
		assertThat(result).hasStatus2xxSuccessful();
		return JsonPath.read(body(result), path);
	}

	static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	/** A JSON response body, read by path. */
	record Json(DocumentContext document) {

		<T> T read(String path) {
			return document.read(path);
		}

		String text(String path) {
			return String.valueOf(document.<Object>read(path));
		}

		/** A number whatever its JSON scale (12.5 and 12.50 compare equal). */
		BigDecimal number(String path) {
			return new BigDecimal(text(path));
		}
	}

	static Json json(MvcTestResult result) {
		assertThat(result).hasStatus2xxSuccessful();
		return new Json(JsonPath.parse(body(result)));
	}

}
