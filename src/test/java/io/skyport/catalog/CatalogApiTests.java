package io.skyport.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.subscriptions.BillingFixtures;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Products, plans and reviews through the API, against the real application and database.
 */
@SkyportIntegrationTest
class CatalogApiTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	Catalog catalog;

	@Autowired
	BillingFixtures billing;

	TestUser vendor;
	String imageId;

	@BeforeEach
	void vendorAndImage() {
		vendor = accounts.vendor();
		imageId = image(accounts.operator(), 10);
	}

	@Test
	void a_vendor_drafts_adds_a_plan_and_publishes_and_everyone_sees_the_plans() {
		String id = createProduct(vendor, product("Pg Cloud " + UUID.randomUUID().toString().substring(0, 6)));
		assertThat(get("/api/v1/products/" + id, null)).hasStatus(404);
		assertThat(get("/api/v1/products/" + id, vendor)).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("DRAFT");

		assertThat(send("POST", "/api/v1/products/" + id + "/publish", null, vendor))
			.hasStatus(409).bodyJson().extractingPath("$.detail").asString().contains("Add at least one plan");
		assertThat(send("POST", "/api/v1/products/" + id + "/plans", plan("Small", 2, 2048, 20, 50, "12.50", "EUR"), vendor))
			.hasStatus(201);
		assertThat(send("POST", "/api/v1/products/" + id + "/publish", null, vendor)).hasStatusOk();

		MvcTestResult published = get("/api/v1/products/" + id, null);
		assertThat(published).hasStatusOk().bodyJson().extractingPath("$.plans[0]").asMap()
			.containsKeys("id", "name", "vcpus", "memoryMib", "diskGib", "dataDiskGib", "imageId", "monthlyPrice", "currency",
					"bandwidthIncludedGib", "bandwidthPricePerGib", "trialDays")
			.containsEntry("vcpus", 2)
			.containsEntry("memoryMib", 2048)
			.containsEntry("dataDiskGib", 50)
			.containsEntry("imageId", imageId)
			.containsEntry("currency", "EUR");
		assertThat(published).body().asString().contains("\"monthlyPrice\":12.50");
	}

	@Test
	void a_plan_says_where_its_data_disk_is_mounted_and_the_storefront_shows_it() {
		String id = createProduct(vendor, product("Mounted " + UUID.randomUUID().toString().substring(0, 6)));
		Map<String, Object> custom = plan("Db", 1, 1024, 20, 50, "5", "EUR");
		custom.put("dataDiskMountPoint", "/var/lib/postgresql/");
		MvcTestResult created = send("POST", "/api/v1/products/" + id + "/plans", custom, vendor);
		assertThat(created).hasStatus(201).bodyJson().extractingPath("$.dataDiskMountPoint")
			.isEqualTo("/var/lib/postgresql");
		MvcTestResult defaulted = send("POST", "/api/v1/products/" + id + "/plans",
				plan("Web", 1, 1024, 20, 10, "6", "EUR"), vendor);
		assertThat(defaulted).hasStatus(201).bodyJson().extractingPath("$.dataDiskMountPoint").isEqualTo("/data");
		MvcTestResult bare = send("POST", "/api/v1/products/" + id + "/plans", plan("Bare", 1, 1024, 20, null, "4", "EUR"),
				vendor);
		assertThat(bare).hasStatus(201).bodyJson().doesNotHavePath("$.dataDiskMountPoint");

		String planId = read(created, "$.id");
		custom.put("dataDiskMountPoint", "/srv/db");
		assertThat(send("PUT", "/api/v1/products/" + id + "/plans/" + planId, custom, vendor)).hasStatusOk()
			.bodyJson().extractingPath("$.version").isEqualTo(2);
		assertThat(get("/api/v1/products/" + id + "/plans/" + planId + "/versions", vendor)).bodyJson()
			.extractingPath("$[*].dataDiskMountPoint").asArray().containsExactlyInAnyOrder("/var/lib/postgresql", "/srv/db");
		assertThat(send("POST", "/api/v1/products/" + id + "/publish", null, vendor)).hasStatusOk();
		String slug = read(get("/api/v1/products/" + id, null), "$.slug");
		assertThat(mvc.get().uri("/products/" + slug).exchange()).hasStatusOk().body().asString()
			.contains("at /srv/db").contains("at /data");
	}

	@Test
	void a_mount_point_in_a_system_directory_or_without_a_data_disk_is_refused() {
		String id = createProduct(vendor, product("Unmountable " + UUID.randomUUID().toString().substring(0, 6)));
		for (Object[] c : new Object[][] { { 50, "/etc", "cannot be in /etc" }, { 50, "/", "cannot be /" },
				{ 50, "srv", "must be an absolute path" }, { 50, "/srv/../etc", "may not contain . or .." },
				{ 50, "/srv/my data", "no spaces" }, { null, "/srv", "A mount point needs a data disk" } }) {
			Map<String, Object> bad = plan("Bad", 1, 1024, 20, (Integer) c[0], "5", "EUR");
			bad.put("dataDiskMountPoint", c[1]);

			MvcTestResult result = send("POST", "/api/v1/products/" + id + "/plans", bad, vendor);

			assertThat(result).as("%s", c[1]).hasStatus(400);
			assertThat(result.getResponse().getContentType()).contains("problem+json");
			assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("dataDiskMountPoint");
			assertThat(result).body().asString().contains((String) c[2]);
		}
		assertThat(get("/api/v1/products/" + id, vendor)).bodyJson().extractingPath("$.plans").asArray().isEmpty();
	}

	@Test
	void absurd_plans_are_refused_field_by_field() {
		String id = createProduct(vendor, product("Absurd " + UUID.randomUUID().toString().substring(0, 6)));
		Map<String, Object> absurd = plan("Huge", 0, 10 * 1024 * 1024, 20, null, "12.345", "EUR");
		absurd.put("trialDays", -1);
		absurd.put("imageId", UUID.randomUUID().toString());

		MvcTestResult result = send("POST", "/api/v1/products/" + id + "/plans", absurd, vendor);

		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
			.contains("vcpus", "memoryMib", "monthlyPrice", "trialDays", "imageId");
		assertThat(result).body().asString()
			.contains("vCPUs must be between 1 and 256 (got 0)")
			.contains("10485760 MiB is 10 TiB")
			.contains("12.345 has 3 decimals; EUR amounts have at most 2");
		assertThat(catalog.search(new ProductSearch(null, null, null, null, null, ProductSearch.Sort.NEWEST, 0, 100))
			.products()).noneMatch(card -> card.id().id().toString().equals(id));
	}

	@Test
	void a_root_disk_smaller_than_the_image_needs_is_refused() {
		String id = createProduct(vendor, product("Disk " + UUID.randomUUID().toString().substring(0, 6)));
		assertThat(send("POST", "/api/v1/products/" + id + "/plans", plan("Tiny", 1, 512, 5, null, "1", "EUR"), vendor))
			.hasStatus(400).body().asString().contains("needs a root disk of at least 10 GiB");
	}

	@Test
	void the_plans_of_a_product_share_one_currency() {
		String id = createProduct(vendor, product("Currency " + UUID.randomUUID().toString().substring(0, 6)));
		assertThat(send("POST", "/api/v1/products/" + id + "/plans", plan("A", 1, 1024, 20, null, "5", "EUR"), vendor))
			.hasStatus(201);
		assertThat(send("POST", "/api/v1/products/" + id + "/plans", plan("B", 1, 1024, 20, null, "5", "USD"), vendor))
			.hasStatus(400).body().asString().contains("priced in EUR");
		assertThat(send("POST", "/api/v1/products/" + id + "/plans", plan("C", 1, 1024, 20, null, "500", "JPY"), vendor))
			.hasStatus(400);
	}

	@Test
	void changing_a_plan_writes_a_new_version_and_the_old_one_stays_readable() {
		String id = createProduct(vendor, product("Versions " + UUID.randomUUID().toString().substring(0, 6)));
		String planId = read(send("POST", "/api/v1/products/" + id + "/plans", plan("S", 1, 1024, 20, null, "5", "EUR"), vendor),
				"$.id");

		MvcTestResult changed = send("PUT", "/api/v1/products/" + id + "/plans/" + planId,
				plan("S", 2, 2048, 20, null, "9.90", "EUR"), vendor);

		assertThat(changed).hasStatusOk().bodyJson().extractingPath("$.version").isEqualTo(2);
		PlanSnapshot first = catalog.planVersion(new PlanId(UUID.fromString(planId)), 1).orElseThrow();
		assertThat(first.vcpus()).isEqualTo(1);
		assertThat(first.monthlyPrice().toString()).isEqualTo("5.00 EUR");
		assertThat(catalog.currentPlan(new PlanId(UUID.fromString(planId))).orElseThrow().monthlyPrice().toString())
			.isEqualTo("9.90 EUR");
		assertThat(get("/api/v1/products/" + id + "/plans/" + planId + "/versions", vendor)).bodyJson()
			.extractingPath("$[*].version").asArray().containsExactly(2, 1);
	}

	@Test
	void saving_a_plan_unchanged_writes_no_new_version() {
		String id = createProduct(vendor, product("Same " + UUID.randomUUID().toString().substring(0, 6)));
		String planId = read(send("POST", "/api/v1/products/" + id + "/plans", plan("S", 1, 1024, 20, null, "5", "EUR"), vendor),
				"$.id");

		assertThat(send("PUT", "/api/v1/products/" + id + "/plans/" + planId, plan("S", 1, 1024, 20, null, "5.00", "EUR"),
				vendor)).hasStatus(409).bodyJson().extractingPath("$.detail").asString().contains("Nothing changed");
		assertThat(get("/api/v1/products/" + id + "/plans/" + planId + "/versions", vendor)).bodyJson()
			.extractingPath("$[*].version").asArray().containsExactly(1);
	}

	@Test
	void only_the_vendor_or_an_operator_changes_a_product() {
		String id = createProduct(vendor, product("Mine " + UUID.randomUUID().toString().substring(0, 6)));
		TestUser otherVendor = accounts.vendor();

		assertThat(send("PUT", "/api/v1/products/" + id, product("Stolen"), otherVendor)).hasStatus(404);
		send("POST", "/api/v1/products/" + id + "/plans", plan("S", 1, 1024, 20, null, "5", "EUR"), vendor);
		send("POST", "/api/v1/products/" + id + "/publish", null, vendor);
		assertThat(send("PUT", "/api/v1/products/" + id, product("Stolen"), otherVendor)).hasStatus(403)
			.bodyJson().extractingPath("$.detail").asString().contains("Only the vendor");
		assertThat(send("PUT", "/api/v1/products/" + id, product("Renamed by ops " + id.substring(0, 4)), accounts.operator()))
			.hasStatusOk();
		assertThat(send("POST", "/api/v1/products", product("Customer product"), accounts.customer())).hasStatus(403);
	}

	@Test
	void only_vendors_and_operators_list_products_to_manage() {
		createProduct(vendor, product("Listed " + UUID.randomUUID().toString().substring(0, 6)));

		assertThat(get("/api/v1/vendor/products", vendor)).hasStatusOk().bodyJson().extractingPath("$").asArray().isNotEmpty();
		assertThat(get("/api/v1/vendor/products", accounts.customer())).hasStatus(403);
		assertThat(get("/api/v1/vendor/products", accounts.reseller())).hasStatus(403);
	}

	@Test
	void duplicate_slugs_and_html_are_refused() {
		String name = "Slugged " + UUID.randomUUID().toString().substring(0, 6);
		createProduct(vendor, product(name));

		assertThat(send("POST", "/api/v1/products", product(name), vendor)).hasStatus(400)
			.bodyJson().extractingPath("$.errors[0].field").isEqualTo("slug");
		Map<String, Object> html = product("<b>Bold</b> name");
		html.put("longDescription", "Nice <script>alert(1)</script>");
		assertThat(send("POST", "/api/v1/products", html, vendor)).hasStatus(400)
			.bodyJson().extractingPath("$.errors[*].field").asArray().contains("name", "longDescription");
		Map<String, Object> unknownCategory = product("Category " + UUID.randomUUID().toString().substring(0, 6));
		unknownCategory.put("category", "toys");
		assertThat(send("POST", "/api/v1/products", unknownCategory, vendor)).hasStatus(400).body().asString()
			.contains("There is no category 'toys'");
	}

	@Test
	void markdown_is_rendered_without_scripts_or_javascript_links() {
		String name = "Markdown " + UUID.randomUUID().toString().substring(0, 6);
		Map<String, Object> input = product(name);
		input.put("longDescription", "# Fast\n\n[click](javascript:alert(1)) and **bold** ![x](https://tracker.test/p.png)");
		String id = createProduct(vendor, input);
		send("POST", "/api/v1/products/" + id + "/plans", plan("S", 1, 1024, 20, null, "5", "EUR"), vendor);
		send("POST", "/api/v1/products/" + id + "/publish", null, vendor);

		String html = catalog.publishedProduct(new ProductId(UUID.fromString(id))).orElseThrow().longDescriptionHtml();

		assertThat(html).contains("<h1>Fast</h1>").contains("<strong>bold</strong>").doesNotContain("javascript:")
			.doesNotContain("<img").doesNotContain("tracker.test").contains("rel=\"nofollow noopener\"");
	}

	@Test
	void searching_finds_published_products_by_words_tags_and_part_of_the_name() {
		String marker = "zq" + UUID.randomUUID().toString().substring(0, 6);
		Map<String, Object> input = product("Graphite " + marker);
		input.put("tags", List.of("timeseries", marker + "tag"));
		String id = createProduct(vendor, input);
		send("POST", "/api/v1/products/" + id + "/plans", plan("S", 1, 1024, 20, null, "5", "EUR"), vendor);

		assertThat(get("/api/v1/products?q=" + marker, null)).bodyJson().extractingPath("$.total").isEqualTo(0);
		send("POST", "/api/v1/products/" + id + "/publish", null, vendor);

		assertThat(get("/api/v1/products?q=" + marker, null)).bodyJson().extractingPath("$.products[0].id").isEqualTo(id);
		assertThat(get("/api/v1/products?q=" + marker + "tag", null)).bodyJson().extractingPath("$.total").isEqualTo(1);
		assertThat(get("/api/v1/products?q=" + marker.substring(0, 5) + "&category=databases", null)).bodyJson()
			.extractingPath("$.products[*].id").asArray().contains(id);
		assertThat(get("/api/v1/products?q=" + marker + "&category=security", null)).bodyJson()
			.extractingPath("$.total").isEqualTo(0);
		assertThat(get("/api/v1/products?size=0", null)).hasStatus(400);
		assertThat(get("/api/v1/products?sort=sideways", null)).hasStatus(400);
	}

	@Test
	void customers_review_once_vendors_reply_operators_hide() {
		String id = createProduct(vendor, product("Reviewed " + UUID.randomUUID().toString().substring(0, 6)));
		send("POST", "/api/v1/products/" + id + "/plans", plan("S", 1, 1024, 20, null, "5", "EUR"), vendor);
		send("POST", "/api/v1/products/" + id + "/publish", null, vendor);
		TestUser alice = accounts.customer();
		TestUser bob = accounts.customer();
		billing.subscribe(alice, new ProductId(UUID.fromString(id)));
		billing.subscribe(bob, new ProductId(UUID.fromString(id)));

		assertThat(send("POST", "/api/v1/products/" + id + "/reviews", Map.of("rating", 5, "comment", "Great"), alice))
			.hasStatus(201);
		assertThat(send("POST", "/api/v1/products/" + id + "/reviews", Map.of("rating", 1), alice)).hasStatus(409)
			.bodyJson().extractingPath("$.detail").asString().contains("already reviewed");
		String bobs = read(send("POST", "/api/v1/products/" + id + "/reviews", Map.of("rating", 2, "comment", "Meh"), bob), "$.id");
		assertThat(get("/api/v1/products/" + id, null)).bodyJson().extractingPath("$.rating.average").isEqualTo(3.5);

		assertThat(send("PUT", "/api/v1/products/" + id + "/reviews/mine", Map.of("rating", 4, "comment", "Better"), bob))
			.hasStatusOk();
		assertThat(send("POST", "/api/v1/reviews/" + bobs + "/reply", Map.of("reply", "Thanks!"), vendor)).hasStatusOk();
		assertThat(send("POST", "/api/v1/reviews/" + bobs + "/reply", Map.of("reply", "Spam"), accounts.vendor()))
			.hasStatus(403);
		assertThat(send("POST", "/api/v1/admin/reviews/" + bobs + "/hide", Map.of("reason", "Off topic"), accounts.operator()))
			.hasStatus(204);

		assertThat(get("/api/v1/products/" + id, null)).bodyJson().extractingPath("$.rating").asMap()
			.containsEntry("average", 5.0).containsEntry("count", 1);
		assertThat(get("/api/v1/products/" + id + "/reviews", null)).bodyJson().extractingPath("$[*].comment").asArray()
			.containsExactly("Great");
	}

	@Test
	void bad_reviews_are_refused() {
		String id = createProduct(vendor, product("Strict " + UUID.randomUUID().toString().substring(0, 6)));
		TestUser customer = accounts.customer();
		assertThat(send("POST", "/api/v1/products/" + id + "/reviews", Map.of("rating", 5), customer)).hasStatus(404);
		send("POST", "/api/v1/products/" + id + "/plans", plan("S", 1, 1024, 20, null, "5", "EUR"), vendor);
		send("POST", "/api/v1/products/" + id + "/publish", null, vendor);
		billing.subscribe(customer, new ProductId(UUID.fromString(id)));

		assertThat(send("POST", "/api/v1/products/" + id + "/reviews", Map.of("rating", 6), customer)).hasStatus(400);
		assertThat(send("POST", "/api/v1/products/" + id + "/reviews",
				Map.of("rating", 5, "comment", "<img src=x onerror=alert(1)>"), customer))
			.hasStatus(400).body().asString().contains("HTML is not allowed in reviews");
		assertThat(send("POST", "/api/v1/products/" + id + "/reviews", Map.of("rating", 5), vendor)).hasStatus(403);
	}

	private String image(TestUser operator, int minDisk) {
		Map<String, Object> image = Map.of("name", "Test image " + UUID.randomUUID(), "osFamily", "DEBIAN", "source",
				"default/debian-12.qcow2", "defaultSshUser", "debian", "minDiskGib", minDisk);
		return read(send("POST", "/api/v1/admin/images", image, operator), "$.id");
	}

	static Map<String, Object> product(String name) {
		return CatalogRequests.product(name);
	}

	Map<String, Object> plan(String name, int vcpus, int memoryMib, int diskGib, Integer dataDiskGib, String price,
			String currency) {
		return CatalogRequests.plan(imageId, name, vcpus, memoryMib, diskGib, dataDiskGib, price, currency);
	}

	private String createProduct(TestUser owner, Map<String, Object> product) {
		return read(send("POST", "/api/v1/products", product, owner), "$.id");
	}

	private MvcTestResult get(String uri, TestUser user) {
		var request = mvc.get().uri(uri);
		if (user != null) {
			request.header(HttpHeaders.AUTHORIZATION, user.bearer());
		}
		return request.exchange();
	}

	private MvcTestResult send(String method, String uri, Object body, TestUser user) {
		var request = mvc.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
			.header(HttpHeaders.AUTHORIZATION, user.bearer());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return request.exchange();
	}

	private static <T> T read(MvcTestResult result, String path) {
		assertThat(result).hasStatus2xxSuccessful();
		return JsonPath.read(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), path);
	}
}
