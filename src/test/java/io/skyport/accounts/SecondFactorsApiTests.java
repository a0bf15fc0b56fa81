package io.skyport.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Second factors through the JSON API: enrolling an authenticator app with codes computed from its secret, token
 * creation with a code, reused and wrong codes, recovery codes, passkeys of others, and the operators' policy.
 */
@SkyportIntegrationTest
class SecondFactorsApiTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	SecondFactorPolicy policy;

	@Test
	void a_user_enrols_an_authenticator_app_and_then_needs_a_code_for_a_token() {
		TestUser user = accounts.customer();
		assertThat(get(user)).bodyJson().extractingPath("$.totp.enabled").isEqualTo(false);

		JsonNode enrolment = body(mvc.post().uri("/api/v1/me/second-factors/totp").header(HttpHeaders.AUTHORIZATION, user.bearer()).exchange(), 201);
		byte[] secret = Totp.Base32.decode(enrolment.get("secret").asString());
		assertThat(enrolment.get("otpauthUri").asString()).startsWith("otpauth://totp/Skyport:").contains("secret=");

		assertThat(post(user, "/totp/confirmation", Map.of("code", "000000".equals(code(secret, 0)) ? "111111" : "000000")))
			.hasStatus(400)
			.bodyJson().extractingPath("$.errors[0].field").isEqualTo("code");
		JsonNode codes = body(post(user, "/totp/confirmation", Map.of("code", code(secret, 0))), 200);
		assertThat(codes.get("recoveryCodes")).hasSize(10);
		assertThat(get(user)).bodyJson().extractingPath("$.totp.enabled").isEqualTo(true);
		assertThat(get(user)).bodyJson().extractingPath("$.recoveryCodesLeft").isEqualTo(10);

		assertThat(createToken(user.email(), TestData.PASSWORD, null))
			.hasStatus(401)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson().extractingPath("$.detail").isEqualTo(SignIn.CODE_NEEDED);
		assertThat(createToken(user.email(), TestData.PASSWORD, code(secret, 1))).hasStatus(201);
	}

	@Test
	void a_code_works_once_and_wrong_or_missing_codes_count_as_failed_sign_ins() {
		TestUser user = accounts.customer();
		byte[] secret = enrol(user);
		String next = code(secret, 1);

		assertThat(createToken(user.email(), TestData.PASSWORD, next)).hasStatus(201);
		assertThat(createToken(user.email(), TestData.PASSWORD, next))
			.hasStatus(401)
			.bodyJson().extractingPath("$.detail").isEqualTo(SignIn.WRONG_CODE);
		assertThat(createToken(user.email(), TestData.PASSWORD, code(secret, -1)))
			.as("an older code than the last one used").hasStatus(401);
		assertThat(failures(user.email())).isEqualTo(2);
		assertThat(createToken(user.email(), TestData.PASSWORD, null)).hasStatus(401);
		assertThat(failures(user.email())).isEqualTo(3);
		for (int attempt = 4; attempt <= 10; attempt++) {
			assertThat(createToken(user.email(), TestData.PASSWORD, "123abc")).hasStatus(401);
		}
		assertThat(createToken(user.email(), TestData.PASSWORD, null))
			.as("locked after ten failures, even with the right password")
			.hasStatus(429);
	}

	@Test
	void a_wrong_password_is_refused_before_any_code_is_asked_for() {
		TestUser user = accounts.customer();
		byte[] secret = enrol(user);

		assertThat(createToken(user.email(), "not the password at all", code(secret, 1)))
			.hasStatus(401)
			.bodyJson().extractingPath("$.detail").isEqualTo(SignIn.WRONG_CREDENTIALS);
	}

	@Test
	void a_recovery_code_signs_in_once() {
		TestUser user = accounts.customer();
		List<String> codes = enrolWithCodes(user).recoveryCodes();

		assertThat(createToken(user.email(), TestData.PASSWORD, codes.get(3).toUpperCase().replace("-", " "))).hasStatus(201);
		assertThat(createToken(user.email(), TestData.PASSWORD, codes.get(3)))
			.hasStatus(401)
			.bodyJson().extractingPath("$.detail").isEqualTo(SignIn.WRONG_CODE);
		assertThat(get(user)).bodyJson().extractingPath("$.recoveryCodesLeft").isEqualTo(9);
	}

	@Test
	void new_recovery_codes_replace_the_old_ones() {
		TestUser user = accounts.customer();
		List<String> old = enrolWithCodes(user).recoveryCodes();

		JsonNode fresh = body(post(user, "/recovery-codes", Map.of()), 200);

		assertThat(createToken(user.email(), TestData.PASSWORD, old.getFirst())).hasStatus(401);
		assertThat(createToken(user.email(), TestData.PASSWORD, fresh.get("recoveryCodes").get(0).asString())).hasStatus(201);
	}

	@Test
	void secrets_are_stored_encrypted_and_recovery_codes_hashed() {
		TestUser user = accounts.customer();
		Enrolled enrolled = enrolWithCodes(user);

		byte[] stored = jdbc.sql("select secret_encrypted from totp_authenticators where user_id = :id")
			.param("id", user.user().userId().id()).query(byte[].class).single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(new String(enrolled.secret(), StandardCharsets.ISO_8859_1));
		assertThat(stored.length).isGreaterThan(enrolled.secret().length + 12);
		List<byte[]> hashes = jdbc.sql("select code_hash from recovery_codes where user_id = :id")
			.param("id", user.user().userId().id()).query(byte[].class).list();
		assertThat(hashes).hasSize(10)
			.anySatisfy(hash -> assertThat(hash).isEqualTo(ApiTokenService.sha256(enrolled.recoveryCodes().get(0).replace("-", ""))));
	}

	@Test
	void turning_the_app_off_needs_a_code_or_the_password() {
		TestUser user = accounts.customer();
		enrol(user);

		Map<String, String> wrong = new HashMap<>();
		wrong.put("password", "not my password!");
		assertThat(post(user, "/totp/deactivation", wrong)).hasStatus(400);
		assertThat(post(user, "/totp/deactivation", Map.of("password", TestData.PASSWORD))).hasStatus(204);

		assertThat(get(user)).bodyJson().extractingPath("$.totp.enabled").isEqualTo(false);
		assertThat(createToken(user.email(), TestData.PASSWORD, null)).hasStatus(201);
	}

	@Test
	void a_second_enrolment_while_one_is_on_is_a_conflict() {
		TestUser user = accounts.customer();
		enrol(user);

		assertThat(mvc.post().uri("/api/v1/me/second-factors/totp").header(HttpHeaders.AUTHORIZATION, user.bearer()))
			.hasStatus(409);
	}

	@Test
	void another_users_passkey_is_not_found() {
		TestUser owner = accounts.customer();
		TestUser intruder = accounts.customer();
		String credentialId = insertPasskey(owner, "Owner's laptop");

		assertThat(mvc.delete().uri("/api/v1/me/second-factors/passkeys/" + credentialId)
			.header(HttpHeaders.AUTHORIZATION, intruder.bearer())).hasStatus(404);
		assertThat(mvc.put().uri("/api/v1/me/second-factors/passkeys/" + credentialId)
			.header(HttpHeaders.AUTHORIZATION, intruder.bearer()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"label\":\"mine now\"}")).hasStatus(404);
		assertThat(get(intruder)).bodyJson().extractingPath("$.passkeys").asArray().isEmpty();

		assertThat(get(owner)).bodyJson().extractingPath("$.passkeys[0].label").isEqualTo("Owner's laptop");
		assertThat(mvc.put().uri("/api/v1/me/second-factors/passkeys/" + credentialId)
			.header(HttpHeaders.AUTHORIZATION, owner.bearer()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"label\":\"Work laptop\"}"))
			.hasStatus(200).bodyJson().extractingPath("$.label").isEqualTo("Work laptop");
		assertThat(mvc.delete().uri("/api/v1/me/second-factors/passkeys/" + credentialId)
			.header(HttpHeaders.AUTHORIZATION, owner.bearer())).hasStatus(204);
		assertThat(get(owner)).bodyJson().extractingPath("$.passkeys").asArray().isEmpty();
	}

	@Test
	void unusable_codes_and_labels_are_4xx_and_change_nothing() {
		TestUser user = accounts.customer();
		String credentialId = insertPasskey(user, "Laptop");

		assertThat(mvc.put().uri("/api/v1/me/second-factors/passkeys/" + credentialId).header(HttpHeaders.AUTHORIZATION, user.bearer())
			.contentType(MediaType.APPLICATION_JSON).content("{\"label\":\"a\\u0000b\"}")).hasStatus4xxClientError();
		assertThat(mvc.put().uri("/api/v1/me/second-factors/passkeys/" + credentialId).header(HttpHeaders.AUTHORIZATION, user.bearer())
			.contentType(MediaType.APPLICATION_JSON).content("{\"label\":\"" + "x".repeat(101) + "\"}"))
			.hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("label");
		assertThat(post(user, "/totp/confirmation", Map.of("code", "\u0000"))).hasStatus(400);
		assertThat(get(user)).bodyJson().extractingPath("$.passkeys[0].label").isEqualTo("Laptop");
	}

	@Test
	void while_the_policy_is_on_an_operator_without_a_second_factor_cannot_create_tokens() {
		TestUser operator = accounts.operator();
		TestUser customer = accounts.customer();
		TestUser enrolledOperator = accounts.operator();
		byte[] secret = enrol(enrolledOperator);
		TestUser passkeyOperator = accounts.operator();
		insertPasskey(passkeyOperator, "Security key");
		try {
			policy.requireForOperators(true, operator.user());

			assertThat(createToken(operator.email(), TestData.PASSWORD, null))
				.hasStatus(403)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson().extractingPath("$.detail").isEqualTo(SecondFactorPolicy.TOKEN_REFUSED);
			assertThat(createToken(customer.email(), TestData.PASSWORD, null)).hasStatus(201);
			assertThat(createToken(enrolledOperator.email(), TestData.PASSWORD, code(secret, 1))).hasStatus(201);
			assertThat(createToken(passkeyOperator.email(), TestData.PASSWORD, null))
				.as("a password alone does not sign in an operator whose second factor is a passkey")
				.hasStatus(403)
				.bodyJson().extractingPath("$.detail").isEqualTo(SecondFactorPolicy.PASSKEY_REQUIRED);
		}
		finally {
			policy.requireForOperators(false, operator.user());
		}
		assertThat(createToken(operator.email(), TestData.PASSWORD, null)).hasStatus(201);
		assertThat(createToken(passkeyOperator.email(), TestData.PASSWORD, null)).hasStatus(201);
	}

	/** A second factor enrolled through the API, and the recovery codes it gave. */
	record Enrolled(byte[] secret, List<String> recoveryCodes) {
	}

	private byte[] enrol(TestUser user) {
		return enrolWithCodes(user).secret();
	}

	private Enrolled enrolWithCodes(TestUser user) {
		JsonNode enrolment = body(mvc.post().uri("/api/v1/me/second-factors/totp").header(HttpHeaders.AUTHORIZATION, user.bearer()).exchange(), 201);
		byte[] secret = Totp.Base32.decode(enrolment.get("secret").asString());
		JsonNode codes = body(post(user, "/totp/confirmation", Map.of("code", code(secret, 0))), 200);
		return new Enrolled(secret, codes.get("recoveryCodes").valueStream().map(JsonNode::asString).toList());
	}

	/** The code of the step {@code offset} steps from now, as the user's app would show it. */
	static String code(byte[] secret, int offset) {
		return Totp.code(secret, Totp.step(Instant.now()) + offset);
	}

	private String insertPasskey(TestUser owner, String label) {
		String handle = "handle-" + owner.user().userId().id();
		String credentialId = "cred-" + owner.user().userId().id();
		jdbc.sql("insert into user_entities (id, name, display_name) values (:id, :name, :name)")
			.param("id", handle).param("name", owner.email()).update();
		jdbc.sql("""
				insert into user_credentials (credential_id, user_entity_user_id, public_key, backup_eligible, backup_state,
				label, created) values (:id, :handle, :key, false, false, :label, now())""")
			.param("id", credentialId).param("handle", handle).param("key", new byte[] { 1, 2, 3 }).param("label", label)
			.update();
		return credentialId;
	}

	private int failures(String email) {
		return jdbc.sql("select count(*) from login_failures where email = :e").param("e", email).query(Integer.class).single();
	}

	private MvcTestResult get(TestUser user) {
		return mvc.get().uri("/api/v1/me/second-factors").header(HttpHeaders.AUTHORIZATION, user.bearer()).exchange();
	}

	private MvcTestResult post(TestUser user, String path, Map<String, String> body) {
		return mvc.post().uri("/api/v1/me/second-factors" + path).header(HttpHeaders.AUTHORIZATION, user.bearer())
			.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)).exchange();
	}

	private MvcTestResult createToken(String email, String password, String totpCode) {
		Map<String, String> body = new HashMap<>(Map.of("email", email, "password", password, "name", "t-" + System.nanoTime()));
		if (totpCode != null) {
			body.put("totpCode", totpCode);
		}
		return mvc.post().uri("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(body)).exchange();
	}

	private JsonNode body(MvcTestResult result, int status) {
		assertThat(result).hasStatus(status);
		return json.readTree(result.getResponse().getContentAsByteArray());
	}
}
