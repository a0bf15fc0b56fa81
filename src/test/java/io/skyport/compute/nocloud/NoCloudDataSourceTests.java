package io.skyport.compute.nocloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.InstanceId;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * The NoCloud data source inside the application: seeds issued through {@link NoCloudSeeds}, documents fetched
 * through the servlet filter, tokens, rate limits (defaults: 60 per token and 600 per address per minute), the
 * phone-home and the audit. Each test uses its own source address, so the per-address limit of one never touches
 * another; cloud-init itself (from Python) reads a seed over real HTTP.
 */
@SkyportIntegrationTest
@RecordApplicationEvents
class NoCloudDataSourceTests {

	private static final String BASE = "http://10.0.2.2:8080";
	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	NoCloudSeeds seeds;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@Autowired
	CommittedConfigEvents committed;

	@LocalServerPort
	int port;

	TestUser owner;
	String address;

	@BeforeEach
	void ownerAndAddress() {
		owner = accounts.customer();
		int n = ADDRESSES.incrementAndGet();
		address = "10.77." + (n / 250) + "." + (n % 250 + 1);
	}

	@Test
	void a_seed_url_carries_a_fresh_token_of_which_only_the_hash_is_stored() throws Exception {
		InstanceId instance = newInstance();
		IssuedSeed seed = seeds.issue(request(instance, "web-1", BASE + "/"));

		assertThat(seed.seedUrl()).matches("http://10\\.0\\.2\\.2:8080/nocloud/[A-Za-z0-9_-]{32}/");
		assertThat(seed.smbiosSerial()).isEqualTo("ds=nocloud-net;s=" + seed.seedUrl()).doesNotContain(" ");
		assertThat(seed.toString()).doesNotContain(token(seed));
		byte[] stored = jdbc.sql("select token_hash from compute_nocloud_seeds where instance_id = :id")
			.param("id", instance.id()).query(byte[].class).single();
		assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256").digest(token(seed).getBytes(StandardCharsets.US_ASCII)));
		String row = jdbc.sql("select s::text from compute_nocloud_seeds s where instance_id = :id").param("id", instance.id())
			.query(String.class).single();
		assertThat(row).doesNotContain(token(seed));
		assertThat(token(seeds.issue(request(instance, "web-1", BASE)))).isNotEqualTo(token(seed));
	}

	@Test
	void bad_seed_requests_are_refused_field_by_field() {
		InstanceId instance = newInstance();
		assertThatThrownBy(() -> seeds.issue(new SeedRequest(instance, owner.user().organisationId(), "-bad_host", List.of("ssh-ed25519 AAAA\nx"),
				0, null, "packages: [x]", "ftp://10.0.2.2")))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.violations())
				.extracting(InvalidInputException.Violation::field)
				.containsExactly("hostname", "sshAuthorizedKeys", "dataDiskGib", "vendorCloudConfig", "baseUrl"));
		for (String base : List.of("http://10.0.2.2 :8080", "http://10.0.2.2:8080/x;y", "http://h/%s", "http://h/?a=b",
				"https://", "10.0.2.2:8080", "http://user@h")) {
			assertThatThrownBy(() -> seeds.issue(request(instance, "web-1", base))).as(base)
				.isInstanceOfSatisfying(InvalidInputException.class,
						ex -> assertThat(ex.violations().getFirst().field()).isEqualTo("baseUrl"));
		}
		assertThat(jdbc.sql("select count(*) from compute_nocloud_seeds where instance_id = :id").param("id", instance.id())
			.query(Long.class).single()).isZero();
	}

	@Test
	void the_guest_reads_meta_data_user_data_vendor_data_and_network_config() {
		InstanceId instance = newInstance();
		IssuedSeed seed = seeds.issue(new SeedRequest(instance, owner.user().organisationId(), "db-1",
				List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDzNoZJ+GGtLTkNuGCcA3IDqNnG3A+BOk9cfDsv+ZPy6 ada"), 50, null,
				"#cloud-config\npackages: [postgresql]\n", BASE));

		MvcTestResult metaData = get(seed.seedUrl() + "meta-data");
		assertThat(metaData).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_PLAIN);
		assertThat(metaData).hasHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		assertThat(metaData.getResponse().getHeader(HttpHeaders.SET_COOKIE)).isNull();
		assertThat(metaData).body().asString()
			.isEqualTo("instance-id: " + instance.id() + "\nlocal-hostname: db-1\n");

		Map<String, Object> userData = yaml(get(seed.seedUrl() + "user-data"));
		assertThat(userData).containsEntry("hostname", "db-1").containsEntry("packages", List.of("postgresql"))
			.containsKeys("ssh_authorized_keys", "disk_setup", "fs_setup", "mounts");
		assertThat(userData.get("phone_home")).extracting(value -> ((Map<?, ?>) value).get("url"))
			.isEqualTo(seed.seedUrl() + "phone-home");

		MvcTestResult vendorData = get(seed.seedUrl() + "vendor-data");
		assertThat(vendorData).hasStatusOk();
		assertThat(vendorData.getResponse().getContentAsByteArray()).isEmpty();
		assertThat(yaml(get(seed.seedUrl() + "network-config"))).containsEntry("version", 2);

		MvcTestResult head = mvc.head().uri(path(seed) + "meta-data").with(from(address)).exchange();
		assertThat(head).hasStatusOk();
		assertThat(head.getResponse().getContentLength()).isEqualTo(metaData.getResponse().getContentLength());
	}

	@Test
	void unknown_malformed_and_revoked_tokens_get_the_same_empty_404() {
		InstanceId instance = newInstance();
		IssuedSeed first = seeds.issue(request(instance, "web-1", BASE));
		assertThat(get(first.seedUrl() + "meta-data")).hasStatusOk();

		IssuedSeed second = seeds.issue(request(instance, "web-1", BASE));
		assertNotFound(first.seedUrl() + "meta-data");
		assertThat(get(second.seedUrl() + "meta-data")).hasStatusOk();

		seeds.revoke(instance);
		seeds.revoke(instance);
		assertNotFound(second.seedUrl() + "user-data");
		assertNotFound(BASE + "/nocloud/" + "A".repeat(32) + "/meta-data");
		assertNotFound(BASE + "/nocloud/short/meta-data");
		assertNotFound(BASE + "/nocloud/" + "%41".repeat(32) + "/meta-data");
		assertNotFound(BASE + "/nocloud/" + token(second) + "/meta-data/x");
		assertNotFound(BASE + "/nocloud/");
		assertNotFound(BASE + "/nocloud/" + token(second));

		IssuedSeed third = seeds.issue(request(instance, "web-1", BASE));
		assertNotFound(third.seedUrl() + "secrets");
		assertThat(mvc.delete().uri(path(third) + "meta-data").with(from(address)).exchange()).hasStatus(405);
	}

	@Test
	void a_token_may_be_used_60_times_a_minute_then_gets_429_with_retry_after() {
		IssuedSeed seed = seeds.issue(request(newInstance(), "web-1", BASE));
		int allowed = 0;
		MvcTestResult refused = null;
		for (int i = 0; i < 70 && refused == null; i++) {
			MvcTestResult result = get(seed.seedUrl() + "meta-data");
			if (result.getResponse().getStatus() == 429) {
				refused = result;
			}
			else {
				assertThat(result).hasStatusOk();
				allowed++;
			}
		}
		assertThat(allowed).isBetween(60, 65);
		assertThat(refused).isNotNull();
		assertThat(Integer.parseInt(refused.getResponse().getHeader(HttpHeaders.RETRY_AFTER))).isBetween(1, 60);
		assertThat(refused.getResponse().getContentAsByteArray()).isEmpty();

		int served = allowed;
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql("""
				select status, sum(count), count(*) from compute_nocloud_accesses
				where instance_id = (select instance_id from compute_nocloud_seeds where token_hash = :hash)
				group by status order by status""").param("hash", SeedToken.hashOf(token(seed)).hash())
			.query((rs, row) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3) < served ? "fewer rows" : "a row each"))
			.list()).containsExactly(List.of(200, served, "fewer rows"), List.of(429, 1, "fewer rows")));

		IssuedSeed other = seeds.issue(request(newInstance(), "web-2", BASE));
		assertThat(get(other.seedUrl() + "meta-data")).as("another token from the same address").hasStatusOk();
	}

	@Test
	void an_address_may_make_600_requests_a_minute_whatever_the_tokens() {
		List<IssuedSeed> issued = new ArrayList<>();
		for (int i = 0; i < 14; i++) {
			issued.add(seeds.issue(request(newInstance(), "web-" + i, BASE)));
		}
		int allowed = 0;
		int refusedAt = -1;
		for (int i = 0; i < 14 * 55 && refusedAt < 0; i++) {
			int status = get(issued.get(i / 55).seedUrl() + "meta-data").getResponse().getStatus();
			if (status == 429) {
				refusedAt = i;
			}
			else {
				allowed++;
			}
		}
		assertThat(allowed).isGreaterThanOrEqualTo(600);
		assertThat(refusedAt).isPositive();
		String elsewhere = "10.78.0." + (ADDRESSES.get() % 250 + 1);
		assertThat(mvc.get().uri(path(issued.getLast()) + "meta-data").with(from(elsewhere)).exchange()).hasStatusOk();
	}

	@Test
	void the_first_phone_home_marks_the_seed_configured_and_publishes_the_event_once() {
		InstanceId instance = newInstance();
		IssuedSeed seed = seeds.issue(request(instance, "web-1", BASE));

		assertThat(phoneHome(seed)).hasStatusOk();
		assertThat(phoneHome(seed)).hasStatusOk();
		assertThat(mvc.get().uri(path(seed) + "phone-home").with(from(address)).exchange()).hasStatus(405);

		assertThat(events.stream(GuestPhonedHome.class).filter(event -> event.instanceId().equals(instance)))
			.singleElement().satisfies(event -> assertThat(event.sourceAddress()).isEqualTo(address));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(committed.received())
			.filteredOn(event -> event.instanceId().equals(instance)).hasSize(1));
		Map<String, Object> row = jdbc.sql("""
				select configured_at is not null as configured, phone_home_count from compute_nocloud_seeds
				where instance_id = :id""").param("id", instance.id()).query().singleRow();
		assertThat(row).containsEntry("configured", true).containsEntry("phone_home_count", 2);

		seeds.revoke(instance);
		assertThat(phoneHome(seed)).hasStatus(404);
		assertThat(events.stream(GuestPhonedHome.class).filter(event -> event.instanceId().equals(instance)))
			.hasSize(1);
		assertThat(committed.received()).filteredOn(event -> event.instanceId().equals(instance)).hasSize(1);
	}

	@Test
	void every_access_is_recorded_and_visible_to_the_owner_and_operators_only() throws Exception {
		InstanceId instance = newInstance();
		IssuedSeed seed = seeds.issue(request(instance, "web-1", BASE));
		mvc.get().uri(path(seed) + "meta-data").with(from(address)).header(HttpHeaders.USER_AGENT, "Cloud-Init/22.4.2")
			.exchange();
		get(seed.seedUrl() + "user-data");
		phoneHome(seed);
		seeds.revoke(instance);
		get(seed.seedUrl() + "meta-data");

		String url = "/api/v1/instances/" + instance.id() + "/datasource-accesses";
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api(url, owner)).hasStatusOk()
			.bodyJson().extractingPath("$.total").isEqualTo(4));
		String body = api(url, owner).getResponse().getContentAsString();
		assertThat(JsonPath.<List<String>>read(body, "$.accesses[*].document"))
			.containsExactly("meta-data", "phone-home", "user-data", "meta-data");
		assertThat(JsonPath.<List<Integer>>read(body, "$.accesses[*].status")).containsExactly(404, 200, 200, 200);
		assertThat(JsonPath.<List<String>>read(body, "$.accesses[*].sourceAddress")).containsOnly(address);
		assertThat(JsonPath.<String>read(body, "$.accesses[3].userAgent")).isEqualTo("Cloud-Init/22.4.2");
		assertThat(JsonPath.<String>read(body, "$.configuredAt")).isNotNull();
		assertThat(JsonPath.<List<Integer>>read(body, "$.accesses[*].count")).containsOnly(1);
		assertThat(JsonPath.<Integer>read(body, "$.requests")).isEqualTo(4);

		assertThat(api(url + "?size=2&page=1", owner)).hasStatusOk().bodyJson().extractingPath("$.accesses[*].document")
			.asArray().containsExactly("user-data", "meta-data");
		assertThat(api(url + "?size=500", owner)).hasStatus(400);
		assertThat(api(url, accounts.customer())).hasStatus(404);
		assertThat(api("/api/v1/instances/" + UUID.randomUUID() + "/datasource-accesses", owner)).hasStatus(404);
		assertThat(api(url, accounts.operator())).hasStatusOk().bodyJson().extractingPath("$.total").isEqualTo(4);
		assertThat(mvc.get().uri(url).exchange()).hasStatus(401);
	}

	@Test
	void user_agents_are_stored_as_sent_whatever_characters_they_contain() {
		InstanceId instance = newInstance();
		IssuedSeed seed = seeds.issue(request(instance, "web-1", BASE));
		String agent = "Odd\\Agent\t1.0 \\N \u00e9\u00e8 \"quoted\" 'single'";
		mvc.get().uri(path(seed) + "meta-data").with(from(address)).header(HttpHeaders.USER_AGENT, agent).exchange();
		mvc.get().uri(path(seed) + "user-data").with(from(address)).exchange();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql("""
				select coalesce(user_agent, '(none)') from compute_nocloud_accesses where instance_id = :id order by id""")
			.param("id", instance.id()).query(String.class).list()).containsExactly(agent, "(none)"));
	}

	@Test
	void the_owner_and_operators_see_the_accesses_on_their_pages() throws Exception {
		InstanceId instance = newInstance();
		IssuedSeed seed = seeds.issue(request(instance, "web-1", BASE));
		mvc.get().uri(path(seed) + "meta-data").with(from(address)).header(HttpHeaders.USER_AGENT, "Cloud-Init/22.4.2")
			.exchange();
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
			.sql("select count(*) from compute_nocloud_accesses where instance_id = :id").param("id", instance.id())
			.query(Long.class).single() == 1);

		MockHttpSession ownerSession = session(owner);
		String page = mvc.get().uri("/panel/instances/" + instance.id() + "/datasource").session(ownerSession).exchange()
			.getResponse().getContentAsString();
		assertThat(page).contains("Data-source accesses", address, "meta-data", "Cloud-Init/22.4.2",
				"has not phoned home yet");
		assertThat(mvc.get().uri("/panel/instances/" + instance.id() + "/datasource").session(session(accounts.customer()))
			.exchange()).hasStatus(404);
		assertThat(mvc.get().uri("/panel/admin/instances/" + instance.id() + "/datasource").session(ownerSession)
			.exchange()).hasStatus(403);
		assertThat(mvc.get().uri("/panel/admin/instances/" + instance.id() + "/datasource")
			.session(session(accounts.operator())).exchange()).hasStatusOk().body().asString().contains(address);
	}

	@Test
	void cloud_inits_own_nocloud_net_data_source_reads_the_seed_over_http_and_phones_home() throws Exception {
		InstanceId instance = newInstance();
		IssuedSeed seed = seeds.issue(new SeedRequest(instance, owner.user().organisationId(), "guest-1",
				List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDzNoZJ+GGtLTkNuGCcA3IDqNnG3A+BOk9cfDsv+ZPy6 ada"), 10, null,
				"#cloud-config\nruncmd:\n  - [touch, /data/ready]\n", "http://127.0.0.1:" + port));

		CloudInit.Result result = CloudInit.fetchSeed(seed.smbiosSerial());

		assertThat(result.exitCode()).as(result.output()).isZero();
		String json = result.output().lines().reduce((first, last) -> last).orElseThrow();
		assertThat(JsonPath.<String>read(json, "$.dsmode")).isEqualTo("net");
		assertThat(JsonPath.<String>read(json, "$.seed")).isEqualTo("dmi," + seed.seedUrl());
		assertThat(JsonPath.<String>read(json, "$.instance_id")).isEqualTo(instance.id().toString());
		assertThat(JsonPath.<String>read(json, "$.hostname")).isEqualTo("guest-1");
		assertThat(JsonPath.<String>read(json, "$.user_data")).startsWith("#cloud-config\nhostname: guest-1\n")
			.contains("/dev/vdb", "touch");
		assertThat(JsonPath.<String>read(json, "$.vendor_data")).isEmpty();
		assertThat(JsonPath.<List<String>>read(json, "$.user_data_parts")).containsExactly("text/cloud-config");
		assertThat(JsonPath.<Integer>read(json, "$.phone_home_status")).isEqualTo(200);
		assertThat(jdbc.sql("select configured_at is not null from compute_nocloud_seeds where instance_id = :id")
			.param("id", instance.id()).query(Boolean.class).single()).isTrue();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql("""
				select kind || ' ' || status || ' ' || user_agent || ' x' || count from compute_nocloud_accesses where instance_id = :id
				order by id""").param("id", instance.id()).query(String.class).list())
			.containsExactly("meta-data 200 Cloud-Init/22.4.2 x1", "user-data 200 Cloud-Init/22.4.2 x1",
					"vendor-data 200 Cloud-Init/22.4.2 x1", "phone-home 200 Cloud-Init/22.4.2 x1"));
	}

	private InstanceId newInstance() {
		return new InstanceId(UUID.randomUUID());
	}

	private SeedRequest request(InstanceId instance, String hostname, String base) {
		return new SeedRequest(instance, owner.user().organisationId(), hostname, List.of(), null, null, null, base);
	}

	private MvcTestResult get(String seedUrl) {
		return mvc.get().uri(seedUrl.substring(BASE.length())).with(from(address)).exchange();
	}

	private MvcTestResult phoneHome(IssuedSeed seed) {
		return mvc.post().uri(path(seed) + "phone-home").with(from(address))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).param("instance_id", "i").param("hostname", "web-1")
			.exchange();
	}

	private void assertNotFound(String url) {
		MvcTestResult result = get(url);
		assertThat(result).hasStatus(404);
		assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
	}

	private MvcTestResult api(String url, TestUser user) {
		return mvc.get().uri(url).header(HttpHeaders.AUTHORIZATION, user.bearer()).exchange();
	}

	private MockHttpSession session(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private static String path(IssuedSeed seed) {
		return "/nocloud/" + token(seed) + "/";
	}

	private static String token(IssuedSeed seed) {
		String url = seed.seedUrl();
		return url.substring(url.indexOf("/nocloud/") + "/nocloud/".length(), url.length() - 1);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> yaml(MvcTestResult result) {
		assertThat(result).hasStatusOk();
		return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
	}

}
