package io.skyport.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * Catalog imports through the API and the control panel, against the real application and database: all or nothing,
 * every problem with its path and line.
 */
@SkyportIntegrationTest
class CatalogImportTests {

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	Catalog catalog;

	@Autowired
	Products products;

	TestUser vendor;
	String image;
	String marker;

	@BeforeEach
	void vendorImageAndMarker() {
		vendor = accounts.vendor();
		image = "Import image " + UUID.randomUUID();
		Map<String, Object> body = Map.of("name", image, "osFamily", "DEBIAN", "source", "default/debian-12.qcow2",
				"defaultSshUser", "debian", "minDiskGib", 10);
		assertThat(mvc.post().uri("/api/v1/admin/images").header(HttpHeaders.AUTHORIZATION, accounts.operator().bearer())
			.contentType("application/json").content(json(body))).hasStatus(201);
		marker = "imp" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void a_yaml_file_creates_and_publishes_products_and_importing_it_again_changes_nothing() {
		String file = twoProducts("19.90");

		MvcTestResult first = importFile(vendor, file, "catalog.yaml");

		assertThat(first).hasStatusOk().bodyJson().extractingPath("$").asMap()
			.containsEntry("created", 2).containsEntry("updated", 0).containsEntry("unchanged", 0)
			.containsEntry("plansCreated", 3).containsEntry("plansChanged", 0).containsEntry("published", 2);
		assertThat(first).bodyJson().extractingPath("$.products[*].slug").asArray()
			.containsExactly(marker + "-pg", marker + "-cache");
		assertThat(first).bodyJson().extractingPath("$.products[*].action").asArray()
			.containsExactly("created", "created");
		ProductDetails pg = catalog.publishedProduct(marker + "-pg").orElseThrow();
		assertThat(pg.plans()).extracting(PlanSnapshot::name).containsExactly("Small", "Large");
		assertThat(pg.card().lowestMonthlyPrice()).hasToString("19.90 EUR");
		assertThat(pg.card().tags()).containsExactly("sql", "postgres");
		assertThat(pg.longDescriptionHtml()).contains("<h2>Features</h2>");
		assertThat(catalog.search(new ProductSearch(marker, null, null, null, null, ProductSearch.Sort.NAME, 0, 10))
			.products()).extracting(ProductCard::slug).containsExactlyInAnyOrder(marker + "-pg", marker + "-cache");

		MvcTestResult again = importFile(vendor, file, "catalog.yaml");

		assertThat(again).hasStatusOk().bodyJson().extractingPath("$").asMap()
			.containsEntry("created", 0).containsEntry("updated", 0).containsEntry("unchanged", 2)
			.containsEntry("plansCreated", 0).containsEntry("plansChanged", 0).containsEntry("plansUnchanged", 3)
			.containsEntry("published", 0);
		assertThat(catalog.publishedProduct(marker + "-pg").orElseThrow().plans())
			.allSatisfy(plan -> assertThat(plan.versionNumber()).isEqualTo(1));

		MvcTestResult edited = importFile(vendor, twoProducts("17.50"), "catalog.yaml");

		assertThat(edited).hasStatusOk().bodyJson().extractingPath("$").asMap()
			.containsEntry("updated", 1).containsEntry("unchanged", 1).containsEntry("plansChanged", 1)
			.containsEntry("plansUnchanged", 2);
		ProductDetails changed = catalog.publishedProduct(marker + "-pg").orElseThrow();
		PlanSnapshot small = changed.plans().stream().filter(plan -> plan.name().equals("Small")).findFirst().orElseThrow();
		assertThat(small.versionNumber()).isEqualTo(2);
		assertThat(small.monthlyPrice()).hasToString("17.50 EUR");
		assertThat(catalog.planVersion(small.planId(), 1).orElseThrow().monthlyPrice()).hasToString("19.90 EUR");
		assertThat(changed.plans()).filteredOn(plan -> plan.name().equals("Large"))
			.singleElement().extracting(PlanSnapshot::versionNumber).isEqualTo(1);
		assertThat(changed.card().lowestMonthlyPrice()).hasToString("17.50 EUR");
	}

	@Test
	void plans_left_out_of_the_file_stay_as_they_are_and_an_archived_plan_named_in_it_goes_back_on_sale() {
		assertThat(importFile(vendor, twoProducts("19.90"), "catalog.yaml")).hasStatusOk();
		ProductDetails pg = catalog.publishedProduct(marker + "-pg").orElseThrow();
		PlanSnapshot small = pg.plans().stream().filter(plan -> plan.name().equals("Small")).findFirst().orElseThrow();
		PlanSnapshot large = pg.plans().stream().filter(plan -> plan.name().equals("Large")).findFirst().orElseThrow();
		assertThat(mvc.post().uri("/api/v1/products/{id}/plans/{plan}/archive", pg.card().id().id(), small.planId().id())
			.header(HttpHeaders.AUTHORIZATION, vendor.bearer())).hasStatusOk();
		String withoutLarge = twoProducts("19.90").replaceAll("(?s)      - name: Large.*?currency: EUR\n", "");

		MvcTestResult result = importFile(vendor, withoutLarge, "catalog.yaml");

		assertThat(result).hasStatusOk().bodyJson().extractingPath("$").asMap()
			.containsEntry("updated", 1).containsEntry("unchanged", 1).containsEntry("plansChanged", 1)
			.containsEntry("plansCreated", 0);
		assertThat(catalog.publishedProduct(marker + "-pg").orElseThrow().plans())
			.extracting(PlanSnapshot::name, PlanSnapshot::versionNumber)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Small", 1), org.assertj.core.groups.Tuple.tuple("Large", 1));
		assertThat(catalog.currentPlan(large.planId()).orElseThrow().available()).isTrue();

		MvcTestResult dollars = importFile(vendor, withoutLarge.replace("currency: EUR", "currency: USD"), "usd.yaml");
		assertThat(problems(dollars)).contains(problem("products[0].plans[0].currency", 20,
				"All plans of a product use one currency: this product's plans are priced in EUR."));
	}

	@Test
	void the_same_catalog_as_json_works_including_escaped_slashes() {
		String file = """
				{
				  "products": [
				    {
				      "slug": "%s-json",
				      "name": "Json Store %s",
				      "shortDescription": "A document store imported from JSON.",
				      "category": "databases",
				      "tags": ["json"],
				      "supportUrl": "https:\\/\\/acme.test\\/support",
				      "publish": true,
				      "plans": [
				        {"name": "Small", "vcpus": 1, "memoryMib": 1024, "diskGib": 20, "image": "%s",
				         "monthlyPrice": 5.00, "currency": "EUR", "trialDays": 7}
				      ]
				    }
				  ]
				}
				""".formatted(marker, marker, image.toUpperCase());

		assertThat(importFile(vendor, file, "catalog.json")).hasStatusOk().bodyJson().extractingPath("$.created")
			.isEqualTo(1);
		ProductDetails product = catalog.publishedProduct(marker + "-json").orElseThrow();
		assertThat(product.supportUrl()).isEqualTo("https://acme.test/support");
		assertThat(product.plans()).singleElement().satisfies(plan -> {
			assertThat(plan.bandwidthIncludedGib()).isZero();
			assertThat(plan.bandwidthPricePerGib().isZero()).isTrue();
			assertThat(plan.trialDays()).isEqualTo(7);
			assertThat(plan.isBareVm()).isTrue();
		});
		assertThat(importFile(vendor, file, "catalog.json")).hasStatusOk().bodyJson().extractingPath("$.unchanged")
			.isEqualTo(1);
	}

	@Test
	void broken_yaml_is_reported_with_its_line() {
		String file = """
				products:
				  - slug: %s-broken
				   name: Misaligned
				""".formatted(marker);

		MvcTestResult result = importFile(vendor, file, "catalog.yaml");

		assertThat(result).hasStatus(422).hasContentType("application/problem+json");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("1 problem");
		assertThat(result).bodyJson().extractingPath("$.problems[0].line").isEqualTo(3);
		assertThat(result).bodyJson().extractingPath("$.problems[0].message").asString()
			.contains("not valid YAML or JSON").contains("line 3");
	}

	@Test
	void an_unknown_field_is_reported_with_its_path_line_and_a_suggestion() {
		String file = twoProducts("19.90").replace("        vcpus: 4\n", "        vcpu: 4\n");

		MvcTestResult result = importFile(vendor, file, "catalog.yaml");

		assertThat(result).hasStatus(422);
		assertThat(problems(result)).containsExactly(
				problem("products[0].plans[1].vcpu", 23, "Unknown field 'vcpu' (did you mean 'vcpus'?)."));
		assertThat(products.findBySlug(marker + "-pg")).isEmpty();
	}

	@Test
	void absurd_sizes_and_prices_are_all_reported_at_once_with_their_paths() {
		String file = """
				products:
				  - slug: %1$s-a
				    name: Absurd A %1$s
				    shortDescription: Nothing to see.
				    category: databases
				    plans:
				      - name: Zero
				        vcpus: 0
				        memoryMib: 1024
				        diskGib: 20
				        image: %2$s
				        monthlyPrice: 5
				        currency: EUR
				  - slug: %1$s-b
				    name: Absurd B %1$s
				    shortDescription: Nothing to see.
				    category: databases
				    plans:
				      - name: Huge
				        vcpus: 8
				        memoryMib: 10485760
				        diskGib: 20
				        image: %2$s
				        monthlyPrice: 5
				        currency: EUR
				      - name: Precise
				        vcpus: 1.5
				        memoryMib: "1024"
				        diskGib: 20
				        image: %2$s
				        monthlyPrice: 12.345
				        currency: EUR
				""".formatted(marker, image);

		MvcTestResult result = importFile(vendor, file, "catalog.yaml");

		assertThat(result).hasStatus(422);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("5 problems");
		List<String> problems = problems(result);
		assertThat(problems).containsExactly(
				problem("products[0].plans[0].vcpus", 8, "vCPUs must be between 1 and 256 (got 0)."),
				problem("products[1].plans[0].memoryMib", 21, "RAM must be between 256 MiB and 2 TiB (2097152 MiB); "
						+ "10485760 MiB is 10 TiB."),
				problem("products[1].plans[1].vcpus", 27, "'vcpus' must be a whole number (got 1.5)."),
				problem("products[1].plans[1].memoryMib", 28, "'memoryMib' must be a whole number, not text: write 1024 "
						+ "without quotes."),
				problem("products[1].plans[1].monthlyPrice", 31, "12.345 has 3 decimals; EUR amounts have at most 2."));
	}

	@Test
	void a_mount_point_is_imported_with_its_plan_and_a_system_directory_is_reported_at_its_line() {
		String file = """
				products:
				  - slug: %1$s-mnt
				    name: Mounted %1$s
				    shortDescription: Data where the vendor wants it.
				    category: databases
				    plans:
				      - name: Db
				        vcpus: 1
				        memoryMib: 1024
				        diskGib: 20
				        dataDiskGib: 10
				        dataDiskMountPoint: %3$s
				        image: %2$s
				        monthlyPrice: 5
				        currency: EUR
				""";

		MvcTestResult refused = importFile(vendor, file.formatted(marker, image, "/etc/db"), "catalog.yaml");
		assertThat(refused).hasStatus(422);
		assertThat(problems(refused)).containsExactly(problem("products[0].plans[0].dataDiskMountPoint", 12,
				"The data disk's mount point cannot be in /etc, which the guest's system needs; use e.g. /data or "
						+ "/srv/app (got '/etc/db')."));

		MvcTestResult imported = importFile(vendor, file.formatted(marker, image, "/srv/db"), "catalog.yaml");
		assertThat(imported).hasStatusOk();
		assertThat(importedPlanMountPoint()).isEqualTo("/srv/db");
	}

	private String importedPlanMountPoint() {
		return jdbc.sql("select p.data_disk_mount_point from plans p join products r on r.id = p.product_id "
				+ "where r.slug = ?").param(marker + "-mnt").query(String.class).single();
	}

	@Test
	void a_problem_in_the_last_product_saves_nothing_of_the_first() {
		String file = twoProducts("19.90").replace("name: Cache " + marker, "name: <b>Cache</b>");

		MvcTestResult result = importFile(vendor, file, "catalog.yaml");

		assertThat(result).hasStatus(422);
		assertThat(problems(result)).singleElement().asString().startsWith("products[1].name @ 30:");
		assertThat(products.findBySlug(marker + "-pg")).isEmpty();
		assertThat(catalog.publishedProduct(marker + "-pg")).isEmpty();
	}

	@Test
	void a_slug_used_twice_in_the_file_is_refused() {
		String file = twoProducts("19.90").replace(marker + "-cache", marker + "-pg");

		MvcTestResult result = importFile(vendor, file, "catalog.yaml");

		assertThat(result).hasStatus(422);
		assertThat(problems(result)).singleElement().asString()
			.isEqualTo(problem("products[1].slug", 29, "The slug '" + marker + "-pg' is also used by products[0] "
					+ "(line 2); list each product once."));
	}

	@Test
	void another_vendors_product_is_never_touched() {
		TestUser other = accounts.vendor();
		assertThat(importFile(other, twoProducts("19.90"), "theirs.yaml")).hasStatusOk();

		MvcTestResult result = importFile(vendor, twoProducts("1.00").replace("Postgres Pro", "Hijacked"), "mine.yaml");

		assertThat(result).hasStatus(422);
		assertThat(problems(result)).containsExactly(
				problem("products[0].slug", 2, "The address /products/" + marker + "-pg belongs to another vendor; choose "
						+ "another slug."),
				problem("products[1].slug", 29, "The address /products/" + marker + "-cache belongs to another vendor; "
						+ "choose another slug."));
		ProductDetails theirs = catalog.publishedProduct(marker + "-pg").orElseThrow();
		assertThat(theirs.card().name()).isEqualTo("Postgres Pro " + marker);
		assertThat(theirs.card().vendorName()).isEqualTo(other.user().organisationName());
		assertThat(theirs.plans()).allSatisfy(plan -> assertThat(plan.versionNumber()).isEqualTo(1));
	}

	@Test
	void html_and_scripts_in_descriptions_are_refused() {
		String file = twoProducts("19.90")
			.replace("Managed PostgreSQL", "Managed <script>alert(1)</script> PostgreSQL")
			.replace("* point-in-time recovery", "* <img src=x onerror=alert(1)>");

		MvcTestResult result = importFile(vendor, file, "catalog.yaml");

		assertThat(result).hasStatus(422);
		assertThat(problems(result)).containsExactly(
				problem("products[0].shortDescription", 4, "HTML is not allowed here (found <script>); use plain text."),
				problem("products[0].longDescription", 5, "Write the description in Markdown; HTML tags such as "
						+ "<img src=x onerror=alert(1)> are not allowed."));
		assertThat(products.findBySlug(marker + "-cache")).isEmpty();
	}

	@Test
	void an_alias_bomb_is_refused_at_once() {
		StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
		for (char level = 'b'; level <= 'z'; level++) {
			char previous = (char) (level - 1);
			bomb.append(level).append(": &").append(level).append(" [")
				.append(String.join(",", java.util.Collections.nCopies(9, "*" + previous))).append("]\n");
		}
		bomb.append("products: *z\n");

		MvcTestResult result = assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> importFile(vendor, bomb.toString(), "bomb.yaml"));

		assertThat(result).hasStatus(422);
		assertThat(result).bodyJson().extractingPath("$.problems[0].message").asString()
			.contains("Anchors and aliases");
	}

	@Test
	void tags_duplicate_keys_and_merge_keys_are_refused_with_their_lines() {
		String file = """
				products:
				  - slug: %1$s-unsafe
				    slug: %1$s-again
				    name: !!python/object:os.system Unsafe
				    shortDescription: !local nothing
				    category: databases
				""".formatted(marker);

		MvcTestResult result = importFile(vendor, file, "unsafe.yaml");

		assertThat(result).hasStatus(422);
		assertThat(result).bodyJson().extractingPath("$.problems[0].line").isEqualTo(4);
		assertThat(result).bodyJson().extractingPath("$.problems[0].message").asString()
			.contains("The tag !!python/object:os.system is not allowed in import files");

		MvcTestResult duplicates = importFile(vendor, file.replace("!!python/object:os.system ", "")
			.replace("!local ", ""), "dup.yaml");
		assertThat(problems(duplicates)).containsExactly(
				problem("products[0].slug", 3, "The field 'slug' appears twice (first on line 2); keep one."));

		MvcTestResult tagged = importFile(vendor, file.replace("!!python/object:os.system ", "!!binary "), "tag.yaml");
		assertThat(problems(tagged)).contains(
				problem("products[0].name", 4, "The tag !!binary is not allowed in import files; write plain values."));
	}

	@Test
	void only_vendors_import() {
		assertThat(importFile(accounts.customer(), twoProducts("1.00"), "catalog.yaml")).hasStatus(403);
		assertThat(importFile(accounts.operator(), twoProducts("1.00"), "catalog.yaml")).hasStatus(403);
		assertThat(products.findBySlug(marker + "-pg")).isEmpty();
	}

	@Test
	void a_missing_empty_or_oversized_file_is_refused() {
		assertThat(mvc.post().uri("/api/v1/catalog/imports").multipart().header(HttpHeaders.AUTHORIZATION, vendor.bearer()))
			.hasStatus(400).bodyJson().extractingPath("$.errors[0].message").asString().contains("part 'file'");
		assertThat(importFile(vendor, "", "empty.yaml")).hasStatus(400).bodyJson()
			.extractingPath("$.errors[0].message").asString().contains("The file is empty");

		String large = "products:\n" + "# padding padding padding padding padding padding padding padding\n".repeat(17_000);
		MvcTestResult tooLarge = importFile(vendor, large, "large.yaml");
		assertThat(tooLarge).hasStatus(422);
		assertThat(tooLarge).bodyJson().extractingPath("$.problems[0].message").asString().contains("at most 1 MiB");
	}

	@Test
	void the_panel_page_imports_a_file_and_shows_the_summary_or_the_problems() throws Exception {
		MockHttpSession session = signIn(vendor);
		assertThat(mvc.get().uri("/panel/vendor/import").session(session)).hasStatusOk().body().asString()
			.contains("enctype=\"multipart/form-data\"").contains("href=\"/panel/vendor/import\"")
			.contains("memoryMib");

		MvcTestResult imported = mvc.post().uri("/panel/vendor/import").multipart().session(session).with(csrf())
			.file(new MockMultipartFile("file", "catalog.yaml", "application/yaml", twoProducts("19.90").getBytes(StandardCharsets.UTF_8)))
			.exchange();

		assertThat(imported).hasStatusOk().body().asString()
			.contains("Imported catalog.yaml").contains(marker + "-pg").contains("2</span> created");
		assertThat(catalog.publishedProduct(marker + "-cache")).isPresent();

		MvcTestResult rejected = mvc.post().uri("/panel/vendor/import").multipart().session(session).with(csrf())
			.file(new MockMultipartFile("file", "broken.yaml", "application/yaml",
					twoProducts("12.345").replace("vcpus: 4", "vcpus: 0").getBytes(StandardCharsets.UTF_8)))
			.exchange();

		assertThat(rejected).hasStatusOk().body().asString()
			.contains("broken.yaml has 2 problems; nothing was imported.")
			.contains("<td>23</td>").contains("products[0].plans[1].vcpus")
			.contains("12.345 has 3 decimals");
		assertThat(mvc.post().uri("/panel/vendor/import").multipart().session(session)
			.file(new MockMultipartFile("file", "catalog.yaml", "application/yaml", new byte[] { 'x' })))
			.hasStatus(403);
	}

	@Test
	void operators_cannot_open_the_import_page_and_customers_are_not_let_in() throws Exception {
		TestUser operator = accounts.operator();
		assertThat(mvc.get().uri("/panel/vendor/import").session(signIn(operator))).hasStatus(403).body().asString()
			.contains("Only vendors import catalogs");
		assertThat(mvc.get().uri("/panel/vendor/import").session(signIn(accounts.customer()))).hasStatus(403);
		assertThat(mvc.get().uri("/panel").session(signIn(operator))).body().asString()
			.doesNotContain("/panel/vendor/import");
	}

	/** Two products; the first's "Small" plan costs {@code smallPrice}. Line numbers matter to the tests. */
	private String twoProducts(String smallPrice) {
		return """
				products:
				  - slug: %1$s-pg
				    name: Postgres Pro %1$s
				    shortDescription: Managed PostgreSQL with backups.
				    longDescription: |
				      ## Features
				      * point-in-time recovery
				    category: databases
				    tags: [sql, postgres]
				    supportEmail: support@acme.test
				    publish: true
				    plans:
				      - name: Small
				        vcpus: 2
				        memoryMib: 4096
				        diskGib: 40
				        dataDiskGib: 100
				        image: %2$s
				        monthlyPrice: %3$s
				        currency: EUR
				        trialDays: 14
				      - name: Large
				        vcpus: 4
				        memoryMib: 16384
				        diskGib: 80
				        imageId: %4$s
				        monthlyPrice: 49.90
				        currency: EUR
				  - slug: %1$s-cache
				    name: Cache %1$s
				    shortDescription: An in-memory cache.
				    category: databases
				    publish: true
				    plans:
				      - name: Only
				        vcpus: 1
				        memoryMib: 1024
				        diskGib: 20
				        image: %2$s
				        monthlyPrice: 9
				        currency: EUR
				        bandwidthIncludedGib: 500
				        bandwidthPricePerGib: 0.02
				""".formatted(marker, image, smallPrice, imageId());
	}

	private String imageId() {
		MvcTestResult images = mvc.get().uri("/api/v1/images").header(HttpHeaders.AUTHORIZATION, vendor.bearer()).exchange();
		List<String> ids = JsonPath.read(new String(images.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8),
				"$[?(@.name == '" + image + "')].id");
		return ids.getFirst();
	}

	private MvcTestResult importFile(TestUser user, String content, String name) {
		return mvc.post().uri("/api/v1/catalog/imports").multipart().header(HttpHeaders.AUTHORIZATION, user.bearer())
			.file(new MockMultipartFile("file", name, "application/octet-stream", content.getBytes(StandardCharsets.UTF_8)))
			.exchange();
	}

	/** The problems of a 422 answer as "path @ line: message". */
	private static List<String> problems(MvcTestResult result) {
		assertThat(result).hasStatus(422);
		String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		List<Map<String, Object>> problems = JsonPath.read(body, "$.problems");
		return problems.stream().map(p -> problem((String) p.get("path"), (Integer) p.get("line"), (String) p.get("message")))
			.toList();
	}

	private static String problem(String path, Integer line, String message) {
		return path + " @ " + line + ": " + message;
	}

	private MockHttpSession signIn(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	private static String json(Object value) {
		return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(value);
	}
}
