package io.skyport.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.CapacityFixtures;
import io.skyport.compute.CapacityFixtures.Region;
import io.skyport.compute.ComputeFixtures;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * The regions a plan may run in: in the API, the vendor's form and catalog imports, checked against compute's
 * regions, and versioned like every other part of a plan.
 */
@SkyportIntegrationTest
class PlanRegionTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	ComputeFixtures compute;

	@Autowired
	CapacityFixtures capacity;

	@Autowired
	Catalog catalog;

	@Autowired
	JdbcClient jdbc;

	TestUser vendor;
	String imageId;
	Region north;
	Region south;

	@BeforeEach
	void vendorImageAndRegions() {
		vendor = accounts.vendor();
		imageId = compute.image(10).id().id().toString();
		north = capacity.region("north", 8, 16384, 500);
		south = capacity.region("south", 8, 16384, 500);
	}

	@AfterEach
	void removeRegions() {
		north.close();
		south.close();
	}

	@Test
	void a_plan_lists_its_regions_sorted_once_each_and_none_means_every_region() {
		String product = createProduct("Regional");
		Map<String, Object> plan = plan("Small");
		plan.put("regions", List.of(south.name(), north.name(), " " + south.name() + " "));

		MvcTestResult added = send("POST", "/api/v1/products/" + product + "/plans", plan);

		assertThat(added).hasStatus(201).bodyJson().extractingPath("$.regions").asArray()
			.containsExactly(north.name(), south.name());
		String planId = read(added, "$.id");
		assertThat(catalog.currentPlan(new PlanId(UUID.fromString(planId))).orElseThrow().regions())
			.containsExactly(north.name(), south.name());
		MvcTestResult everywhere = send("POST", "/api/v1/products/" + product + "/plans", plan("Anywhere"));
		assertThat(everywhere).hasStatus(201).bodyJson().extractingPath("$.regions").asArray().isEmpty();
		PlanSnapshot anywhere = catalog.currentPlan(new PlanId(UUID.fromString(read(everywhere, "$.id")))).orElseThrow();
		assertThat(anywhere.allowsRegion(north.name())).isTrue();
		assertThat(anywhere.allowsRegion("any-other")).isTrue();
		assertThat(send("GET", "/api/v1/products/" + product, null)).bodyJson().extractingPath("$.plans[0].regions")
			.asArray().containsExactly(north.name(), south.name());
	}

	@Test
	void an_unknown_region_is_refused_naming_regions_and_nothing_is_written() {
		String product = createProduct("Nowhere");
		Map<String, Object> plan = plan("Small");
		plan.put("regions", List.of(north.name(), "atlantis-" + UUID.randomUUID().toString().substring(0, 6), ""));

		MvcTestResult refused = send("POST", "/api/v1/products/" + product + "/plans", plan);

		assertThat(refused).hasStatus(400).bodyJson().extractingPath("$.errors[*].field").asArray()
			.containsOnly("regions");
		assertThat(refused).body().asString().contains("There is no region 'atlantis-").contains(north.name())
			.contains("A region name is empty");
		assertThat(jdbc.sql("select count(*) from plans where product_id = :id").param("id", UUID.fromString(product))
			.query(Integer.class).single()).isZero();
	}

	@Test
	void changing_the_regions_writes_a_new_version_and_the_old_one_keeps_its_regions() {
		String product = createProduct("Moving");
		Map<String, Object> plan = plan("Small");
		plan.put("regions", List.of(north.name()));
		String planId = read(send("POST", "/api/v1/products/" + product + "/plans", plan), "$.id");
		String uri = "/api/v1/products/" + product + "/plans/" + planId;

		plan.put("regions", List.of(north.name(), south.name()));
		assertThat(send("PUT", uri, plan)).hasStatusOk().bodyJson().extractingPath("$.version").isEqualTo(2);
		plan.put("regions", List.of(south.name(), north.name()));
		assertThat(send("PUT", uri, plan)).hasStatus(409).bodyJson().extractingPath("$.detail").asString()
			.contains("Nothing changed");

		PlanId id = new PlanId(UUID.fromString(planId));
		assertThat(catalog.planVersion(id, 1).orElseThrow().regions()).containsExactly(north.name());
		assertThat(catalog.planVersion(id, 2).orElseThrow().regions()).containsExactly(north.name(), south.name());
		assertThat(send("GET", uri + "/versions", null)).bodyJson().extractingPath("$[*].regions").asArray()
			.hasSize(2);
	}

	@Test
	void the_vendor_form_offers_the_known_regions_as_checkboxes_and_saves_the_ticked_ones() {
		String product = createProduct("Formed");
		MockHttpSession session = signIn(vendor);

		MvcTestResult form = mvc.get().uri("/panel/vendor/products/" + product + "/plans/new").session(session).exchange();
		assertThat(form).hasStatusOk().body().asString()
			.contains("type=\"checkbox\" name=\"regions\" value=\"" + north.name() + "\"")
			.contains("type=\"checkbox\" name=\"regions\" value=\"" + south.name() + "\"");

		MvcTestResult saved = mvc.post().uri("/panel/vendor/products/" + product + "/plans/new").session(session)
			.with(csrf()).param("name", "Ticked").param("vcpus", "1").param("memoryMib", "1024").param("diskGib", "20")
			.param("imageId", imageId).param("monthlyPrice", "5").param("currency", "EUR")
			.param("regions", south.name()).exchange();

		assertThat(saved).hasStatus3xxRedirection();
		assertThat(send("GET", "/api/v1/products/" + product, null)).bodyJson().extractingPath("$.plans[0].regions")
			.asArray().containsExactly(south.name());

		MvcTestResult unknown = mvc.post().uri("/panel/vendor/products/" + product + "/plans/new").session(session)
			.with(csrf()).param("name", "Lost").param("vcpus", "1").param("memoryMib", "1024").param("diskGib", "20")
			.param("imageId", imageId).param("monthlyPrice", "5").param("currency", "EUR")
			.param("regions", "gone-region").exchange();
		assertThat(unknown).hasStatusOk().body().asString().contains("There is no region &#39;gone-region&#39;")
			.contains("id=\"regions-error\"");
	}

	@Test
	void an_import_sets_plan_regions_and_reports_an_unknown_one_at_its_path() {
		String marker = "reg" + UUID.randomUUID().toString().substring(0, 8);
		String file = """
				products:
				  - slug: %1$s
				    name: Regional %1$s
				    shortDescription: A product that runs in some regions only.
				    category: databases
				    plans:
				      - name: Small
				        vcpus: 1
				        memoryMib: 1024
				        diskGib: 20
				        imageId: %2$s
				        monthlyPrice: 5
				        currency: EUR
				        regions: [%3$s]
				""";

		MvcTestResult imported = importFile(file.formatted(marker, imageId, north.name()));
		assertThat(imported).hasStatusOk();
		String product = read(imported, "$.products[0].id");
		assertThat(send("GET", "/api/v1/products/" + product, null)).bodyJson().extractingPath("$.plans[0].regions")
			.asArray().containsExactly(north.name());

		MvcTestResult refused = importFile(file.formatted(marker + "-x", imageId, "atlantis"));
		assertThat(refused).hasStatus(422).bodyJson().extractingPath("$.problems[0].path")
			.isEqualTo("products[0].plans[0].regions");
		assertThat(refused).body().asString().contains("There is no region 'atlantis'");
	}

	private String createProduct(String name) {
		return read(send("POST", "/api/v1/products",
				CatalogRequests.product(name + " " + UUID.randomUUID().toString().substring(0, 6))), "$.id");
	}

	private Map<String, Object> plan(String name) {
		return CatalogRequests.plan(imageId, name, 1, 1024, 20, null, "5.00", "EUR");
	}

	private MvcTestResult send(String method, String uri, Object body) {
		var request = mvc.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
			.header(HttpHeaders.AUTHORIZATION, vendor.bearer());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return request.exchange();
	}

	private MvcTestResult importFile(String content) {
		return mvc.post().uri("/api/v1/catalog/imports").multipart().header(HttpHeaders.AUTHORIZATION, vendor.bearer())
			.file(new MockMultipartFile("file", "catalog.yaml", "application/octet-stream",
					content.getBytes(StandardCharsets.UTF_8)))
			.exchange();
	}

	private MockHttpSession signIn(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	private static <T> T read(MvcTestResult result, String path) {
		assertThat(result).hasStatus2xxSuccessful();
		return JsonPath.read(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), path);
	}
}
