package io.skyport.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * The notification centre: notices posted once per key (also when posts race), read state per user, another
 * organisation's notice not found, and the panel's bell and page.
 */
@SkyportIntegrationTest
class NotificationCentreTests {

	@Autowired
	Notices notices;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void a_notice_is_posted_once_per_key_even_when_posts_race() throws Exception {
		TestUser customer = accounts.customer();
		String key = "test:" + UUID.randomUUID();
		NoticeRequest request = new NoticeRequest(key, org(customer), "Your server web-1 is ready", "ssh debian@192.0.2.1",
				"/panel/instances");
		int threads = 8;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> posts = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				posts.add(pool.submit(() -> {
					start.await();
					notices.post(request);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> post : posts) {
				post.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		notices.post(request);

		assertThat(jdbc.sql("select count(*) from notices where idempotency_key = :key").param("key", key)
			.query(Long.class).single()).isOne();
		String list = api(customer, "/api/v1/notifications");
		assertThat(JsonPath.<Integer>read(list, "$.unread")).isOne();
		assertThat(JsonPath.<List<String>>read(list, "$.notifications[*].title")).containsExactly("Your server web-1 is ready");
		assertThat(JsonPath.<String>read(list, "$.notifications[0].body")).isEqualTo("ssh debian@192.0.2.1");
		assertThat(JsonPath.<String>read(list, "$.notifications[0].link")).isEqualTo("/panel/instances");
		assertThat(JsonPath.<Boolean>read(list, "$.notifications[0].read")).isFalse();
	}

	@Test
	void read_state_is_per_user_and_the_list_is_newest_first_and_paged() {
		TestUser owner = accounts.customer();
		TestUser member = member(owner);
		String first = post(owner, "First");
		String second = post(owner, "Second");
		post(owner, "Third");

		String page = api(owner, "/api/v1/notifications?size=2");
		assertThat(JsonPath.<List<String>>read(page, "$.notifications[*].title")).containsExactly("Third", "Second");
		assertThat(JsonPath.<Boolean>read(page, "$.hasMore")).isTrue();
		assertThat(JsonPath.<List<String>>read(api(owner, "/api/v1/notifications?page=1&size=2"), "$.notifications[*].title"))
			.containsExactly("First");

		assertThat(mvc.post().uri("/api/v1/notifications/" + second + "/read").header(HttpHeaders.AUTHORIZATION,
				owner.bearer())).hasStatus(204);
		assertThat(mvc.post().uri("/api/v1/notifications/" + second + "/read").header(HttpHeaders.AUTHORIZATION,
				owner.bearer())).as("again is harmless").hasStatus(204);

		assertThat(JsonPath.<Integer>read(api(owner, "/api/v1/notifications/unread-count"), "$.unread")).isEqualTo(2);
		assertThat(JsonPath.<Integer>read(api(member, "/api/v1/notifications/unread-count"), "$.unread")).isEqualTo(3);
		String owners = api(owner, "/api/v1/notifications");
		assertThat(JsonPath.<List<Boolean>>read(owners, "$.notifications[*].read")).containsExactly(false, true, false);
		assertThat(JsonPath.<List<Boolean>>read(api(member, "/api/v1/notifications"), "$.notifications[*].read"))
			.containsExactly(false, false, false);

		MvcTestResult all = mvc.post().uri("/api/v1/notifications/read-all")
			.header(HttpHeaders.AUTHORIZATION, member.bearer()).exchange();
		assertThat(all).hasStatusOk().bodyJson().extractingPath("$.unread").isEqualTo(0);
		assertThat(JsonPath.<Integer>read(api(owner, "/api/v1/notifications/unread-count"), "$.unread")).isEqualTo(2);
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void another_organisations_notice_is_not_found() {
		TestUser owner = accounts.customer();
		TestUser stranger = accounts.vendor();
		String id = post(owner, "Private to the owner");

		assertThat(mvc.post().uri("/api/v1/notifications/" + id + "/read")
			.header(HttpHeaders.AUTHORIZATION, stranger.bearer())).hasStatus(404);
		assertThat(mvc.post().uri("/api/v1/notifications/" + UUID.randomUUID() + "/read")
			.header(HttpHeaders.AUTHORIZATION, owner.bearer())).hasStatus(404);
		assertThat(api(stranger, "/api/v1/notifications")).doesNotContain("Private to the owner").doesNotContain(id);
		assertThat(mvc.post().uri("/panel/notifications/" + id + "/read").with(csrf()).session(session(stranger)))
			.hasStatus(404);
		assertThat(JsonPath.<Integer>read(api(owner, "/api/v1/notifications/unread-count"), "$.unread")).isOne();
	}

	@Test
	void operators_get_the_notices_of_their_own_organisation_only() {
		TestUser operator = accounts.operator();
		TestUser customer = accounts.customer();
		post(customer, "For the customer");
		post(operator, "For the operators");

		assertThat(JsonPath.<List<String>>read(api(operator, "/api/v1/notifications"), "$.notifications[*].title"))
			.containsExactly("For the operators");
	}

	@Test
	void bad_paging_is_a_problem_naming_the_parameter() {
		TestUser customer = accounts.customer();
		assertThat(mvc.get().uri("/api/v1/notifications?size=1000").header(HttpHeaders.AUTHORIZATION, customer.bearer()))
			.hasStatus(400).bodyText().contains("size");
		assertThat(mvc.get().uri("/api/v1/notifications?page=-1").header(HttpHeaders.AUTHORIZATION, customer.bearer()))
			.hasStatus(400).bodyText().contains("page");
	}

	@Test
	void the_panel_header_shows_the_unread_count_and_the_page_marks_read_with_csrf() {
		TestUser customer = accounts.customer();
		MockHttpSession session = session(customer);
		assertThat(page(session, "/panel")).contains("Notifications, none unread").doesNotContain("bell-count");

		String id = post(customer, "Line <b>one</b>", "first line\n<script>alert(1)</script>");
		post(customer, "Second notice", "");
		assertThat(page(session, "/panel/ssh-keys")).contains("Notifications, 2 unread")
			.containsPattern("class=\"bell-count\">2<");
		String list = page(session, "/panel/notifications");
		assertThat(list).contains("Line &lt;b&gt;one&lt;/b&gt;").contains("first line\n&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)").contains("2 unread notifications.");

		assertThat(mvc.post().uri("/panel/notifications/" + id + "/read").session(session)).hasStatus(403);
		assertThat(mvc.post().uri("/panel/notifications/" + id + "/read").with(csrf()).session(session))
			.hasRedirectedUrl("/panel/notifications");
		assertThat(page(session, "/panel")).contains("Notifications, 1 unread");
		assertThat(mvc.post().uri("/panel/notifications/read-all").with(csrf()).session(session))
			.hasRedirectedUrl("/panel/notifications");
		assertThat(page(session, "/panel/notifications")).contains("You have read everything.")
			.doesNotContain("Mark all as read");
	}

	@Test
	void a_notice_request_must_be_safe_to_show() {
		OrganisationId org = new OrganisationId(UUID.randomUUID());
		assertThatIllegalArgumentException().isThrownBy(() -> new NoticeRequest("", org, "T", "", null));
		assertThatIllegalArgumentException().isThrownBy(() -> new NoticeRequest("k".repeat(201), org, "T", "", null));
		assertThatIllegalArgumentException().isThrownBy(() -> new NoticeRequest("k", org, " ", "", null));
		assertThatIllegalArgumentException().isThrownBy(() -> new NoticeRequest("k", org, "a\nb", "", null));
		assertThatIllegalArgumentException().isThrownBy(() -> new NoticeRequest("k", org, "t".repeat(201), "", null));
		assertThatIllegalArgumentException().isThrownBy(() -> new NoticeRequest("k", org, "T", "b".repeat(4001), null));
		assertThatIllegalArgumentException().isThrownBy(() -> new NoticeRequest("k", org, "T", "bell\u0007", null));
		for (String link : List.of("https://evil.example/", "//evil.example/panel", "javascript:alert(1)",
				"/panel/../login", "/panelx", "/panel//evil.example", "/panel/a b", "panel/instances", "/api/v1/me")) {
			assertThatIllegalArgumentException().as(link)
				.isThrownBy(() -> new NoticeRequest("k", org, "T", "", link));
		}
		for (String link : List.of("/panel", "/panel/", "/panel/instances/" + UUID.randomUUID(), "/panel/invoices?page=2")) {
			assertThat(new NoticeRequest("k", org, "T", "line 1\r\nline 2\tend", link).link()).isEqualTo(link);
		}
		assertThat(new NoticeRequest("k", org, " Title ", "", null).title()).isEqualTo("Title");
	}

	private String post(TestUser user, String title) {
		return post(user, title, "Body of " + title);
	}

	/** Posts a notice to the user's organisation and returns its id as the API shows it. */
	private String post(TestUser user, String title, String body) {
		String key = "test:" + UUID.randomUUID();
		notices.post(new NoticeRequest(key, org(user), title, body, null));
		return jdbc.sql("select id from notices where idempotency_key = :key").param("key", key).query(UUID.class)
			.single().toString();
	}

	private static OrganisationId org(TestUser user) {
		return user.user().organisationId();
	}

	/** A second user of the same organisation (same password), with an API token. */
	private TestUser member(TestUser owner) {
		String email = TestData.uniqueEmail();
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into users (id, organisation_id, email, name, password_hash, role, created_at, password_changed_at,
				version) select :id, organisation_id, :email, 'Member Person', password_hash, 'MEMBER', now(), now(), 0
				from users where id = :owner""")
			.param("id", id).param("email", email).param("owner", owner.user().userId().id())
			.update();
		MvcTestResult token = mvc.post().uri("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"" + email + "\",\"password\":\"" + TestData.PASSWORD + "\",\"name\":\"member\"}")
			.exchange();
		assertThat(token).hasStatus(201);
		String secret = JsonPath.read(body(token), "$.token");
		return new TestUser(owner.user(), email, secret);
	}

	private String api(TestUser user, String uri) {
		MvcTestResult result = mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer()).exchange();
		assertThat(result).hasStatusOk();
		return body(result);
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
