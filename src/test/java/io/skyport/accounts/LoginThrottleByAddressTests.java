package io.skyport.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sign-in throttling per source address (here 5 failures in the window instead of 50), and the source address taken
 * from {@code X-Forwarded-For} only when the peer is a trusted proxy (here 10.0.0.0/8).
 */
@SkyportIntegrationTest
@TestPropertySource(properties = { "skyport.accounts.login.max-failures-per-address=5",
		"skyport.web.trusted-proxies=10.0.0.0/8" })
class LoginThrottleByAddressTests {

	static final int LIMIT = 5;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	LoginThrottle throttle;

	@Test
	void one_address_trying_many_accounts_is_stopped_and_others_are_not() {
		String sprayer = "203.0.113." + octet();
		TestUser victim = accounts.customer();
		for (int i = 0; i < LIMIT; i++) {
			assertThat(createToken(TestData.uniqueEmail(), "password guess " + i, sprayer, null)).hasStatus(401);
		}

		MvcTestResult locked = createToken(victim.email(), TestData.PASSWORD, sprayer, null);

		assertThat(locked).hasStatus(429);
		assertThat(locked.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(locked).bodyJson().extractingPath("$.detail").asString()
			.isEqualTo("Too many failed sign-in attempts from your network address. Try again in 15 minutes.");
		assertThat(createToken(victim.email(), TestData.PASSWORD, "203.0.113." + octet(), null)).hasStatus(201);
	}

	@Test
	void the_sign_in_page_says_how_long_an_address_is_locked() {
		String sprayer = "203.0.113." + octet();
		for (int i = 0; i < LIMIT; i++) {
			createToken(TestData.uniqueEmail(), "guess", sprayer, null);
		}

		MvcTestResult failed = mvc.post().uri("/login").with(csrf()).with(from(sprayer, null))
			.param("username", accounts.customer().email()).param("password", TestData.PASSWORD).exchange();

		assertThat(failed).hasRedirectedUrl("/login?error");
		assertThat(mvc.get().uri("/login?error").session((MockHttpSession) failed.getRequest().getSession(false)))
			.hasStatusOk().body().asString().contains("Too many failed sign-in attempts from your network address");
	}

	@Test
	void a_forwarded_address_is_ignored_unless_the_peer_is_a_trusted_proxy() {
		String attacker = "198.51.100." + octet();
		TestUser user = accounts.customer();
		for (int i = 0; i < LIMIT; i++) {
			createToken(TestData.uniqueEmail(), "guess", attacker, "192.0.2." + octet());
		}

		assertThat(createToken(user.email(), TestData.PASSWORD, attacker, "192.0.2." + octet()))
			.as("a header from an untrusted peer changes nothing").hasStatus(429);
	}

	@Test
	void behind_a_trusted_proxy_the_forwarded_client_is_counted_and_recorded() {
		String proxy = "10.20.30." + octet();
		String client = "198.51.100." + octet();
		String neighbour = "198.51.100." + octet();
		TestUser user = accounts.customer();
		String guessed = TestData.uniqueEmail();
		for (int i = 0; i < LIMIT; i++) {
			createToken(guessed, "guess", proxy, "192.0.2.1, " + client);
		}

		assertThat(createToken(user.email(), TestData.PASSWORD, proxy, client)).hasStatus(429);
		assertThat(createToken(user.email(), TestData.PASSWORD, proxy, neighbour)).as("another client, same proxy")
			.hasStatus(201);
		assertThat(jdbc.sql("select distinct source_address from audit_entries where actor_email = :email")
			.param("email", guessed).query(String.class).list()).containsExactly(client);
	}

	@Test
	void an_ipv6_address_counts_with_its_64_network() {
		String network = "2001:db8:" + Integer.toHexString(octet()) + ":" + Integer.toHexString(octet()) + ":";
		TestUser user = accounts.customer();
		for (int i = 1; i <= LIMIT; i++) {
			createToken(TestData.uniqueEmail(), "guess", network + ":" + i, null);
		}

		assertThat(createToken(user.email(), TestData.PASSWORD, network + "ab:cd::99", null)).hasStatus(429);
		assertThat(createToken(user.email(), TestData.PASSWORD, "2001:db8:ffff:ffff::1", null)).hasStatus(201);
		assertThat(LoginThrottle.network("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2::/64");
		assertThat(LoginThrottle.network("2001:db8::1%eth0")).isEqualTo("2001:db8:0:0::/64");
		assertThat(LoginThrottle.network("198.51.100.7")).isEqualTo("198.51.100.7");
	}

	@Test
	void the_cleanup_job_forgets_address_failures_that_left_the_window() {
		String old = "192.0.2." + octet();
		jdbc.sql("insert into login_failures_by_address (address, failed_at) values (:address, :at)")
			.param("address", old)
			.param("at", Timestamp.from(Instant.now().minus(Duration.ofMinutes(16))))
			.update();

		throttle.forgetExpiredFailures();

		assertThat(jdbc.sql("select count(*) from login_failures_by_address where address = :address")
			.param("address", old).query(Long.class).single()).isZero();
	}

	private MvcTestResult createToken(String email, String password, String peer, String forwardedFor) {
		return mvc.post().uri("/api/v1/auth/tokens").with(from(peer, forwardedFor))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("email", email, "password", password, "name", "n")))
			.exchange();
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String peer,
			String forwardedFor) {
		return (MockHttpServletRequest request) -> {
			request.setRemoteAddr(peer);
			if (forwardedFor != null) {
				request.addHeader("X-Forwarded-For", forwardedFor);
			}
			return request;
		};
	}

	private static final java.util.concurrent.atomic.AtomicInteger OCTETS = new java.util.concurrent.atomic.AtomicInteger();

	/** A different last part for every address of this class: no test shares an address with another. */
	private static int octet() {
		return OCTETS.incrementAndGet();
	}
}
