package io.skyport.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.RawHttp;
import io.skyport.testing.RawHttp.Response;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The classes of input that once reached a 500 — each refused where it enters, with a 400 (or 413) naming the field
 * or part, and nothing written.
 */
@SkyportIntegrationTest
class UnusableInputTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void a_nul_character_in_any_json_string_is_refused_naming_the_field() {
		TestUser customer = accounts.customer();

		refused(post("/api/v1/auth/tokens", null,
				"{\"email\":\"a\\u0000@example.test\",\"password\":\"x\",\"name\":\"laptop\"}"), "email", "NUL character");
		refused(post("/api/v1/projects", customer, "{\"name\":\"Prod\\u0000uction\"}"), "name", "NUL character");
		assertThat(post("/api/v1/projects", customer, "{\"name\":\"Production\",\"description\":[\"\\u0000\"]}"))
			.hasStatus(400);

		assertThat(jdbc.sql("select count(*) from compute_projects where organisation_id = ?")
			.param(customer.user().organisationId().id()).query(Long.class).single()).isZero();
	}

	@Test
	void a_lone_surrogate_in_a_password_is_refused_naming_the_field() {
		TestUser customer = accounts.customer();

		refused(post("/api/v1/auth/tokens", null, "{\"email\":\"" + customer.email()
				+ "\",\"password\":\"abc\\ud800def\",\"name\":\"laptop\"}"), "password", "lone UTF-16 surrogate");
		refused(post("/api/v1/me/password", customer,
				"{\"currentPassword\":\"" + TestData.PASSWORD + "\",\"newPassword\":\"\\udc00" + TestData.PASSWORD + "\"}"), "newPassword", "lone UTF-16 surrogate");

		assertThat(post("/api/v1/auth/tokens", null, "{\"email\":\"" + customer.email() + "\",\"password\":\""
				+ TestData.PASSWORD + "\",\"name\":\"a surrogate pair is fine \\ud83d\\ude80\"}")).hasStatus(201);
	}

	@Test
	void a_null_element_in_a_json_array_is_refused_naming_its_index() {
		refused(post("/api/v1/billing/usage", accounts.operator(), "{\"records\":[null]}"), "records[0]", "must not be null");
	}

	@Test
	void malformed_percent_encoding_and_nul_in_query_parameters_are_refused_naming_the_parameter() {
		RawHttp http = new RawHttp(port);
		String customer = "Authorization: " + accounts.customer().bearer();

		for (String query : new String[] { "q=%ZZ", "q=abc%", "q=%00", "%ZZ=1" }) {
			Response response = http.get("/api/v1/products?" + query, customer);
			assertThat(response.status()).as(query).isEqualTo(400);
			assertThat(response.header("content-type")).as(query).startsWith("application/problem+json");
			assertThat(problem(response).at("/errors/0/message").asString()).as(query)
				.containsAnyOf("URL encoding", "NUL character");
		}
		assertThat(problem(http.get("/api/v1/subscriptions?state=%ZZ", customer)).at("/errors/0/field").asString())
			.isEqualTo("state");
		assertThat(http.get("/api/v1/products?q=caf%C3%A9", customer).status()).isEqualTo(200);
	}

	@Test
	void people_get_an_error_page_that_says_what_was_wrong_with_the_address() {
		Response page = new RawHttp(port).get("/catalog?q=%ZZ", "Accept: text/html");

		assertThat(page.status()).isEqualTo(400);
		assertThat(page.header("content-type")).startsWith("text/html");
		assertThat(page.body()).contains("Query parameter &#39;q&#39; is not valid URL encoding");
	}

	@Test
	void malformed_form_data_is_refused_before_anything_reads_it() {
		Response response = new RawHttp(port).send("POST", "/login",
				"username=a%ZZ&password=b".getBytes(StandardCharsets.US_ASCII),
				"Content-Type: application/x-www-form-urlencoded", "Accept: text/html");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("The form data is not valid URL encoding");
	}

	@Test
	void a_broken_multipart_body_is_refused_naming_the_part() {
		TestUser vendor = accounts.vendor();
		RawHttp http = new RawHttp(port);
		String truncated = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.yaml\"\r\n"
				+ "Content-Type: application/yaml\r\n\r\nproducts:\n  - name: half";

		Response cut = http.send("POST", "/api/v1/catalog/imports", truncated.getBytes(StandardCharsets.UTF_8),
				"Authorization: " + vendor.bearer(), "Content-Type: multipart/form-data; boundary=b0undary");
		Response noBoundary = http.send("POST", "/api/v1/catalog/imports", truncated.getBytes(StandardCharsets.UTF_8),
				"Authorization: " + vendor.bearer(), "Content-Type: multipart/form-data");

		for (Response response : new Response[] { cut, noBoundary }) {
			assertThat(response.status()).isEqualTo(400);
			assertThat(problem(response).at("/errors/0/field").asString()).isEqualTo("file");
			assertThat(problem(response).at("/detail").asString()).contains("truncated", "part 'file'");
		}
		assertThat(jdbc.sql("select count(*) from products where vendor_id = ?")
			.param(vendor.user().organisationId().id()).query(Long.class).single()).isZero();
	}

	@Test
	void an_upload_over_the_limit_gets_a_problem_document_saying_the_limit() {
		byte[] head = ("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.yaml\"\r\n"
				+ "Content-Type: application/yaml\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] tail = "\r\n--b0undary--\r\n".getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + 11 * 1024 * 1024 + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		java.util.Arrays.fill(body, head.length, body.length - tail.length, (byte) 'a');
		System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);

		Response response = new RawHttp(port).send("POST", "/api/v1/catalog/imports", body,
				"Authorization: " + accounts.vendor().bearer(), "Content-Type: multipart/form-data; boundary=b0undary");

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("content-type")).startsWith("application/problem+json");
		assertThat(problem(response).at("/detail").asString()).contains("at most 10 MB");
	}

	private MvcTestResult post(String uri, TestUser user, String body) {
		var request = mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(body);
		if (user != null) {
			request.header(HttpHeaders.AUTHORIZATION, user.bearer());
		}
		return request.exchange();
	}

	private JsonNode problem(Response response) {
		return json.readTree(response.body());
	}

	private static void refused(MvcTestResult result, String field, String message) {
		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
		assertThat(result).bodyJson().extractingPath("$.errors[0].message").asString().contains(message);
	}
}
