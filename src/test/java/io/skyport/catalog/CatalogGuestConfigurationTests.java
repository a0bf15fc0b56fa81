package io.skyport.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.ComputeFixtures;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * A product's vendor-supplied guest configuration through the API, the product form and catalog imports, and as the
 * compute module reads it ({@link Catalog#guestConfiguration}).
 */
@SkyportIntegrationTest
class CatalogGuestConfigurationTests {

	private static final String CONFIG = "#cloud-config\npackages: [postgresql]\nruncmd:\n  - systemctl enable --now postgresql\n";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	ComputeFixtures compute;

	@Autowired
	Catalog catalog;

	TestUser vendor;

	@BeforeEach
	void vendor() {
		vendor = accounts.vendor();
	}

	@Test
	void the_vendor_sets_and_clears_it_through_the_api_and_compute_reads_it_from_the_catalog() throws Exception {
		Map<String, Object> product = CatalogRequests.product(unique("Pg"));
		product.put("guestConfiguration", CONFIG);
		MvcTestResult created = send(HttpMethod.POST, "/api/v1/products", product);
		assertThat(created).hasStatus(201).bodyJson().extractingPath("$.guestConfiguration").isEqualTo(CONFIG);
		String id = JsonPath.read(created.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id");

		assertThat(catalog.guestConfiguration(new ProductId(UUID.fromString(id)))).contains(CONFIG);
		assertThat(catalog.guestConfiguration(new ProductId(UUID.randomUUID()))).isEmpty();
		assertThat(mvc.get().uri("/api/v1/vendor/products").header(HttpHeaders.AUTHORIZATION, vendor.bearer()).exchange())
			.hasStatusOk().body().asString().contains("packages: [postgresql]");

		product.put("guestConfiguration", "  ");
		assertThat(send(HttpMethod.PUT, "/api/v1/products/" + id, product)).hasStatusOk().bodyJson()
			.doesNotHavePath("$.guestConfiguration");
		assertThat(catalog.guestConfiguration(new ProductId(UUID.fromString(id)))).isEmpty();
	}

	@Test
	void skyports_own_keys_and_anything_but_one_cloud_config_mapping_are_refused_with_the_reason() {
		Map<String, Object> product = CatalogRequests.product(unique("Bad"));
		product.put("guestConfiguration", "#cloud-config\nssh_authorized_keys: [ssh-ed25519 AAAA vendor]\nhostname: x\n");
		MvcTestResult refused = send(HttpMethod.POST, "/api/v1/products", product);
		assertThat(refused).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("guestConfiguration");
		assertThat(refused).body().asString().contains("may not set ssh_authorized_keys, hostname")
			.contains("Skyport sets the customer's SSH keys and users, the hostname, the data disk");

		product.put("guestConfiguration", "packages: [nginx]\n");
		assertThat(send(HttpMethod.POST, "/api/v1/products", product)).hasStatus(400).body().asString()
			.contains("must start with the line #cloud-config");
		product.put("guestConfiguration", "#cloud-config\na: &x [1]\nb: *x\n");
		assertThat(send(HttpMethod.POST, "/api/v1/products", product)).hasStatus(400).body().asString()
			.contains("Anchors and aliases");
		product.put("guestConfiguration", "#cloud-config\nruncmd: [x]\n" + "#\n".repeat(9000));
		assertThat(send(HttpMethod.POST, "/api/v1/products", product)).hasStatus(400).body().asString()
			.contains("at most 16384 bytes");
	}

	@Test
	void the_product_form_saves_it_and_shows_a_refusal_next_to_the_field() throws Exception {
		MockHttpSession session = session(vendor);
		String name = unique("Form");
		MvcTestResult refused = mvc.post().uri("/panel/vendor/products/new").session(session).with(csrf())
			.param("name", name).param("shortDescription", "A product with a guest configuration.")
			.param("category", "databases").param("guestConfiguration", "#cloud-config\nmounts: []\n").exchange();
		assertThat(refused).hasStatusOk().body().asString().contains("id=\"guestConfiguration-error\"")
			.contains("may not set mounts").contains("#cloud-config\nmounts: []");

		MvcTestResult created = mvc.post().uri("/panel/vendor/products/new").session(session).with(csrf())
			.param("name", name).param("shortDescription", "A product with a guest configuration.")
			.param("category", "databases").param("guestConfiguration", CONFIG).exchange();
		assertThat(created).hasStatus3xxRedirection();
		String page = mvc.get().uri(created.getResponse().getRedirectedUrl()).session(session).exchange().getResponse()
			.getContentAsString();
		assertThat(page).contains("name=\"guestConfiguration\"").contains("packages: [postgresql]");
	}

	@Test
	void catalog_imports_accept_it_and_report_a_bad_one_at_its_path() throws Exception {
		String image = compute.image(10).name();
		String slug = "guest-" + UUID.randomUUID().toString().substring(0, 8);
		String file = """
				products:
				  - slug: %s
				    name: Guest config %s
				    shortDescription: A product whose VMs install PostgreSQL.
				    category: databases
				    guestConfiguration: |
				      #cloud-config
				      packages: [postgresql]
				    plans:
				      - {name: Small, vcpus: 1, memoryMib: 1024, diskGib: 20, image: "%s", monthlyPrice: 5, currency: EUR}
				""".formatted(slug, slug, image);
		MvcTestResult imported = importFile(file);
		assertThat(imported).hasStatusOk();
		String id = JsonPath.read(imported.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.products[0].id");
		assertThat(catalog.guestConfiguration(new ProductId(UUID.fromString(id))))
			.contains("#cloud-config\npackages: [postgresql]\n");
		assertThat(importFile(file)).bodyJson().extractingPath("$.products[0].action").isEqualTo("unchanged");

		MvcTestResult rejected = importFile(file.replace("packages: [postgresql]", "users: [default]"));
		assertThat(rejected).hasStatus(422);
		List<Map<String, Object>> problems = JsonPath.read(rejected.getResponse().getContentAsString(StandardCharsets.UTF_8),
				"$.problems");
		assertThat(problems).singleElement().satisfies(problem -> {
			assertThat(problem).containsEntry("path", "products[0].guestConfiguration").containsEntry("line", 6);
			assertThat((String) problem.get("message")).contains("may not set users");
		});
	}

	private MvcTestResult send(HttpMethod method, String uri, Object body) {
		return mvc.method(method).uri(uri).header(HttpHeaders.AUTHORIZATION, vendor.bearer())
			.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)).exchange();
	}

	private MvcTestResult importFile(String content) {
		return mvc.post().uri("/api/v1/catalog/imports").multipart().header(HttpHeaders.AUTHORIZATION, vendor.bearer())
			.file(new MockMultipartFile("file", "catalog.yaml", "application/octet-stream",
					content.getBytes(StandardCharsets.UTF_8)))
			.exchange();
	}

	private MockHttpSession session(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	private static String unique(String name) {
		return name + " " + UUID.randomUUID().toString().substring(0, 6);
	}
}
