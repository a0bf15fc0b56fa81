package io.skyport.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accounts through the JSON API, against the real application and database.
 */
@SkyportIntegrationTest
class AccountsApiTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Nested
	class SigningUp {

		@Test
		void a_customer_signs_up_and_can_create_a_token_at_once() {
			String email = TestData.uniqueEmail();

			assertThat(signUp(Map.of("name", "Ada Lovelace", "email", email, "password", TestData.PASSWORD)))
				.hasStatus(201)
				.bodyJson().extractingPath("$.email").isEqualTo(email);

			assertThat(createToken(email, TestData.PASSWORD, "laptop")).hasStatus(201);
		}

		@Test
		void an_email_address_is_taken_whatever_its_case() {
			String email = TestData.uniqueEmail();
			assertThat(signUp(Map.of("name", "Ada", "email", email, "password", TestData.PASSWORD))).hasStatus(201);

			assertThat(signUp(Map.of("name", "Ada", "email", "  " + email.toUpperCase() + " ", "password", TestData.PASSWORD)))
				.hasStatus(400)
				.bodyJson().extractingPath("$.errors[0].field").isEqualTo("email");
			assertThat(createToken(email.toUpperCase(), TestData.PASSWORD, "upper-case e-mail")).hasStatus(201);
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|', textBlock = """
				short          | Use at least 12 characters (this one has 5).
				aaaaaaaaaaaaaa | Don't repeat one character
				password1234   | commonly used passwords
				123456789012   | commonly used passwords
				""")
		void a_weak_password_is_refused_with_the_rule_it_breaks(String password, String message) {
			assertThat(signUp(Map.of("name", "Ada", "email", TestData.uniqueEmail(), "password", password)))
				.hasStatus(400)
				.bodyJson().extractingPath("$.errors[?(@.field == 'password')].message").asArray()
				.anySatisfy(text -> assertThat(text.toString()).contains(message));
		}

		@Test
		void the_password_may_not_be_the_email_address() {
			String email = "longenough-" + TestData.uniqueEmail();
			assertThat(signUp(Map.of("name", "Ada", "email", email, "password", email)))
				.hasStatus(400)
				.body().asString().contains("Don't use your e-mail address as your password.");
		}

		@Test
		void every_broken_rule_is_reported_at_once() {
			assertThat(signUp(Map.of("email", "not-an-address", "password", "short")))
				.hasStatus(400)
				.bodyJson().extractingPath("$.errors[*].field").asArray()
				.contains("name", "email", "password");
		}

		@Test
		void malformed_or_mistyped_bodies_get_a_400_that_says_so() {
			assertThat(mvc.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
				.hasStatus(400)
				.bodyJson().extractingPath("$.detail").isEqualTo("The request body is not valid JSON.");
			assertThat(mvc.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": [1,2], \"email\": \"a@b.test\"}"))
				.hasStatus(400)
				.bodyJson().extractingPath("$.errors[0].field").isEqualTo("name");
			assertThat(signUp(Map.of("type", "OPERATOR", "name", "Eve", "email", TestData.uniqueEmail(),
					"password", TestData.PASSWORD)))
				.hasStatus(400)
				.body().asString().contains("Operator accounts cannot be requested");
		}

		@Test
		void a_vendor_waits_for_an_operator_and_cannot_sign_in_before() {
			String email = TestData.uniqueEmail();
			assertThat(signUp(Map.of("type", "VENDOR", "organisationName", "Byte Forge", "name", "Vera",
					"email", email, "password", TestData.PASSWORD, "message", "We sell databases")))
				.hasStatus(202)
				.bodyJson().extractingPath("$.status").isEqualTo("PENDING");

			assertThat(createToken(email, TestData.PASSWORD, "too early"))
				.hasStatus(403)
				.bodyJson().extractingPath("$.detail").asString().contains("waiting for an operator's approval");
			assertThat(signUp(Map.of("type", "RESELLER", "organisationName", "Again", "name", "Vera", "email", email,
					"password", TestData.PASSWORD)))
				.hasStatus(400)
				.body().asString().contains("already waiting for approval");
		}

		@Test
		void a_vendor_needs_a_company_name() {
			assertThat(signUp(Map.of("type", "vendor", "name", "Vera", "email", TestData.uniqueEmail(),
					"password", TestData.PASSWORD)))
				.hasStatus(400)
				.bodyJson().extractingPath("$.errors[0].field").isEqualTo("organisationName");
		}
	}

	@Nested
	class Tokens {

		@Test
		void a_token_authenticates_api_calls_until_it_is_revoked() {
			String email = customer();
			String token = token(email);

			assertThat(mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.hasStatus(200)
				.bodyJson().extractingPath("$.email").isEqualTo(email);
			String id = read(mvc.get().uri("/api/v1/auth/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + token),
					"$[0].id");

			assertThat(mvc.delete().uri("/api/v1/auth/tokens/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.hasStatus(204);
			assertThat(mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.hasStatus(401)
				.bodyJson().extractingPath("$.detail").asString().contains("not valid");
		}

		@Test
		void only_a_hash_of_the_token_is_stored() {
			String email = customer();
			String token = token(email);

			Map<String, Object> stored = jdbc.sql("select t.* from api_tokens t join users u on u.id = t.user_id where u.email = :e")
				.param("e", email).query().singleRow();

			assertThat(stored.get("token_hash")).isEqualTo(ApiTokenService.sha256(token));
			assertThat(stored.get("token_hint")).isEqualTo(token.substring(0, 8));
			assertThat(stored.values()).noneMatch(value -> value != null && value.toString().contains(token.substring(8)));
		}

		@Test
		void a_listed_token_never_shows_its_secret() {
			String token = token(customer());

			assertThat(mvc.get().uri("/api/v1/auth/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.hasStatus(200)
				.body().asString().doesNotContain(token.substring(8)).contains("\"hint\":\"" + token.substring(0, 8) + "…\"");
		}

		@Test
		void api_calls_without_or_with_a_forged_token_get_401_problem_details() {
			assertThat(mvc.get().uri("/api/v1/ssh-keys"))
				.hasStatus(401)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			assertThat(mvc.get().uri("/api/v1/ssh-keys").header(HttpHeaders.AUTHORIZATION, "Bearer skp_forged"))
				.hasStatus(401)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}

		@Test
		void token_names_are_required_and_unique_per_user() {
			String email = customer();
			assertThat(createToken(email, TestData.PASSWORD, "  ")).hasStatus(400)
				.bodyJson().extractingPath("$.errors[0].field").isEqualTo("name");
			assertThat(createToken(email, TestData.PASSWORD, "ci")).hasStatus(201);
			assertThat(createToken(email, TestData.PASSWORD, "ci")).hasStatus(409)
				.body().asString().contains("already have a token named 'ci'");
		}

		@Test
		void a_wrong_password_and_an_unknown_address_get_the_same_answer() {
			String email = customer();
			MvcTestResult wrongPassword = createToken(email, "wrong password for sure", "x");
			MvcTestResult unknownUser = createToken(TestData.uniqueEmail(), "wrong password for sure", "x");

			assertThat(wrongPassword).hasStatus(401).bodyJson().extractingPath("$.detail").isEqualTo(SignIn.WRONG_CREDENTIALS);
			assertThat(unknownUser).hasStatus(401).bodyJson().extractingPath("$.detail").isEqualTo(SignIn.WRONG_CREDENTIALS);
		}
	}

	@Nested
	class Lockout {

		@Test
		void ten_failures_lock_the_account_even_for_the_right_password() {
			String email = customer();
			for (int attempt = 1; attempt <= 10; attempt++) {
				assertThat(createToken(email, "not the password " + attempt, "x")).hasStatus(401);
			}

			assertThat(createToken(email, TestData.PASSWORD, "x"))
				.hasStatus(429)
				.bodyJson().extractingPath("$.detail").asString()
				.contains("Too many failed sign-in attempts").contains("locked for 15 more minutes");
		}

		@Test
		void unknown_addresses_are_locked_too_so_a_lock_reveals_nothing() {
			String email = TestData.uniqueEmail();
			for (int attempt = 1; attempt <= 10; attempt++) {
				assertThat(createToken(email, "guess " + attempt, "x")).hasStatus(401);
			}
			assertThat(createToken(email, "guess 11", "x")).hasStatus(429);
		}

		@Test
		void failures_older_than_the_window_do_not_count_and_a_success_forgets_the_rest() {
			String email = customer();
			Instant longAgo = Instant.now().minus(Duration.ofMinutes(16));
			for (int i = 0; i < 10; i++) {
				jdbc.sql("insert into login_failures (email, failed_at) values (:e, :at)")
					.param("e", email).param("at", Timestamp.from(longAgo)).update();
			}
			for (int attempt = 1; attempt <= 9; attempt++) {
				assertThat(createToken(email, "wrong " + attempt, "x")).hasStatus(401);
			}

			assertThat(createToken(email, TestData.PASSWORD, "after nine")).hasStatus(201);
			assertThat(jdbc.sql("select count(*) from login_failures where email = :e").param("e", email)
				.query(Integer.class).single()).isZero();
		}
	}

	@Nested
	class SshKeys {

		@Test
		void adding_a_key_answers_201_with_its_sha256_fingerprint() {
			String token = token(customer());

			assertThat(addKey(token, "laptop", SshKeyFixtures.read("id_ed25519.pub")))
				.hasStatus(201)
				.headers().containsHeader(HttpHeaders.LOCATION);
			assertThat(addKey(token(customer()), "laptop", SshKeyFixtures.read("id_ed25519.pub")))
				.bodyJson()
				.hasPathSatisfying("$.id", id -> assertThat(id).isNotNull())
				.hasPathSatisfying("$.createdAt", at -> assertThat(at).isNotNull())
				.extractingPath("$.fingerprint").isEqualTo("SHA256:D27+u8tq0ri/7gjQrJ11q210O5FC9QqLnsmfFXK/yyA");
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource({
				"id_ecdsa256.pub, ecdsa-sha2-nistp256, SHA256:T5foR1szK+O9ezh7+TroUyPFXqgJeOeQxn4SgXzhSXc",
				"id_ecdsa384.pub, ecdsa-sha2-nistp384, SHA256:4mF6kzeT9mQRRHA+HdZ6XeZ+zpr90CH9yVVQsV7HX6E",
				"id_ecdsa521.pub, ecdsa-sha2-nistp521, SHA256:ftCdkE4+pssRHs+41l2nxWMzJFjbs6hCJTGiivoqKxM",
				"id_rsa2048.pub, ssh-rsa, SHA256:ivBX2Lu//aHBdXzpPTLwclWQNMTYCA0xHLXHbJt0Mus" })
		void every_accepted_key_type_is_stored_with_its_type(String file, String type, String fingerprint) {
			String token = token(customer());

			assertThat(addKey(token, "", SshKeyFixtures.read(file)))
				.hasStatus(201)
				.bodyJson()
				.hasPathSatisfying("$.type", value -> assertThat(value).isEqualTo(type))
				.extractingPath("$.fingerprint").isEqualTo(fingerprint);
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|', textBlock = """
				id_rsa1024.pub           | 1024 bits
				id_ed25519_private.txt   | PRIVATE key
				id_dsa.pub               | DSA keys
				""")
		void unacceptable_keys_are_refused_with_a_message_that_says_why(String file, String message) {
			String token = token(customer());

			assertThat(addKey(token, "bad", SshKeyFixtures.read(file)))
				.hasStatus(400)
				.bodyJson().extractingPath("$.errors[0].field").isEqualTo("publicKey");
			assertThat(addKey(token, "bad", SshKeyFixtures.read(file))).body().asString().contains(message);
			assertThat(mvc.get().uri("/api/v1/ssh-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.bodyJson().extractingPath("$").asArray().isEmpty();
		}

		@Test
		void garbage_and_missing_keys_are_refused() {
			String token = token(customer());
			assertThat(addKey(token, "x", "hello world")).hasStatus(400);
			assertThat(mvc.post().uri("/api/v1/ssh-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}"))
				.hasStatus(400)
				.body().asString().contains("Paste your public key");
		}

		@Test
		void the_same_key_twice_is_a_conflict_but_another_user_may_add_it() {
			String first = token(customer());
			String second = token(customer());
			assertThat(addKey(first, "laptop", SshKeyFixtures.read("id_ed25519.pub"))).hasStatus(201);

			assertThat(addKey(first, "again", SshKeyFixtures.read("id_ed25519.pub")))
				.hasStatus(409)
				.bodyJson().extractingPath("$.detail").isEqualTo("This key is already in your account as 'laptop'.");
			assertThat(addKey(second, "laptop", SshKeyFixtures.read("id_ed25519.pub"))).hasStatus(201);
		}

		@Test
		void a_blank_name_takes_the_comment_of_the_key() {
			assertThat(addKey(token(customer()), " ", SshKeyFixtures.read("id_ed25519.pub")))
				.hasStatus(201)
				.bodyJson().extractingPath("$.name").isEqualTo("alice@laptop");
		}

		@Test
		void keys_are_listed_and_deleted() {
			String token = token(customer());
			String id = read(addKeyRequest(token, "laptop", SshKeyFixtures.read("id_ed25519.pub")), "$.id");

			assertThat(mvc.get().uri("/api/v1/ssh-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.bodyJson().extractingPath("$[0].id").isEqualTo(id);
			assertThat(mvc.delete().uri("/api/v1/ssh-keys/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.hasStatus(204);
			assertThat(mvc.get().uri("/api/v1/ssh-keys/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.hasStatus(404);
		}
	}

	@Nested
	class Authorization {

		@Test
		void a_customer_cannot_read_or_delete_another_customers_ssh_key() {
			String owner = token(customer());
			String intruder = token(customer());
			String id = read(addKeyRequest(owner, "laptop", SshKeyFixtures.read("id_ed25519.pub")), "$.id");

			assertThat(mvc.get().uri("/api/v1/ssh-keys/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + intruder))
				.hasStatus(404);
			assertThat(mvc.delete().uri("/api/v1/ssh-keys/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + intruder))
				.hasStatus(404);
			assertThat(mvc.get().uri("/api/v1/ssh-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + intruder))
				.bodyJson().extractingPath("$").asArray().isEmpty();
			assertThat(mvc.get().uri("/api/v1/ssh-keys/" + id).header(HttpHeaders.AUTHORIZATION, "Bearer " + owner))
				.hasStatus(200);
		}

		@Test
		void a_customer_cannot_see_or_revoke_another_customers_token() {
			String owner = token(customer());
			String intruder = token(customer());
			String ownersTokenId = read(mvc.get().uri("/api/v1/auth/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + owner),
					"$[0].id");

			assertThat(mvc.delete().uri("/api/v1/auth/tokens/" + ownersTokenId)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + intruder))
				.hasStatus(404);
			assertThat(mvc.get().uri("/api/v1/auth/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + intruder))
				.body().asString().doesNotContain(ownersTokenId);
			assertThat(mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + owner)).hasStatus(200);
		}

		@Test
		void only_operators_decide_sign_up_requests() {
			String customer = token(customer());
			assertThat(mvc.get().uri("/api/v1/admin/signup-requests").header(HttpHeaders.AUTHORIZATION, "Bearer " + customer))
				.hasStatus(403)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}

		@Test
		void unknown_ids_and_routes_are_404_problems_not_500() {
			String token = token(customer());
			assertThat(mvc.get().uri("/api/v1/ssh-keys/00000000-0000-0000-0000-000000000000")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.hasStatus(404)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(mvc.get().uri("/api/v1/ssh-keys/not-a-uuid").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.hasStatus(400);
		}

		@Test
		void errors_outside_controllers_are_problem_details_too() {
			String token = token(customer());
			RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
				.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.defaultStatusHandler(status -> true, (request, response) -> {
				})
				.build();

			ResponseEntity<String> wrongMethod = http.put().uri("/api/v1/ssh-keys").retrieve().toEntity(String.class);
			ResponseEntity<String> noRoute = http.get().uri("/api/v1/no-such-thing").retrieve().toEntity(String.class);

			assertThat(wrongMethod.getStatusCode().value()).isEqualTo(405);
			assertThat(wrongMethod.getHeaders().getContentType()).isNotNull()
				.matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			assertThat(wrongMethod.getBody()).contains("does not accept that HTTP method");
			assertThat(noRoute.getStatusCode().value()).isEqualTo(404);
			assertThat(noRoute.getBody()).contains("\"status\":404");
		}
	}

	private MvcTestResult signUp(Map<String, String> body) {
		return mvc.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body))
			.exchange();
	}

	private MvcTestResult createToken(String email, String password, String name) {
		return mvc.post().uri("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("email", email, "password", password, "name", name)))
			.exchange();
	}

	private String customer() {
		String email = TestData.uniqueEmail();
		assertThat(signUp(Map.of("name", "Test Customer", "email", email, "password", TestData.PASSWORD))).hasStatus(201);
		return email;
	}

	private String token(String email) {
		MvcTestResult result = createToken(email, TestData.PASSWORD, "test");
		assertThat(result).hasStatus(201);
		return json.readTree(result.getResponse().getContentAsByteArray()).get("token").asString();
	}

	private MvcTestResult addKey(String token, String name, String publicKey) {
		return addKeyRequest(token, name, publicKey).exchange();
	}

	private MockMvcTester.MockMvcRequestBuilder addKeyRequest(String token, String name, String publicKey) {
		return mvc.post().uri("/api/v1/ssh-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("name", name, "publicKey", publicKey)));
	}

	private String read(MockMvcTester.MockMvcRequestBuilder request, String path) {
		MvcTestResult result = request.exchange();
		assertThat(result).hasStatus2xxSuccessful();
		return com.jayway.jsonpath.JsonPath.read(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), path);
	}
}
