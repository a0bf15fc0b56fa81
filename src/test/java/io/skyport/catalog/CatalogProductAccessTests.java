package io.skyport.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

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
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * A product's access details (URL template, default login, ports): set by the vendor through the API, the form and
 * catalog imports, validated with field errors, read by the deployer through {@link Catalog#productLogin}, and never
 * shown on the storefront or in public API responses.
 */
@SkyportIntegrationTest
class CatalogProductAccessTests {

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

	String unique;

	@BeforeEach
	void vendor() {
		vendor = accounts.vendor();
		unique = UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void the_vendor_declares_them_through_the_api_and_the_deployer_reads_them() {
		Map<String, Object> product = withAccess(CatalogRequests.product("Access " + unique));
		MvcTestResult created = send(vendor, HttpMethod.POST, "/api/v1/products", product);
		assertThat(created).hasStatus(201);
		assertThat(created).bodyJson().extractingPath("$.accessUrl").isEqualTo("https://{address}:8443/");
		assertThat(created).bodyJson().extractingPath("$.defaultPassword").isEqualTo(password());
		assertThat(created).bodyJson().extractingPath("$.ports").isEqualTo(List.of(22, 443, 8443));
		ProductId id = new ProductId(UUID.fromString(JsonPath.read(body(created), "$.id")));

		ProductLogin login = catalog.productLogin(id);
		assertThat(login).isEqualTo(new ProductLogin("https://{address}:8443/", username(), password(),
				List.of(22, 443, 8443)));
		assertThat(login.declaresLogin()).isTrue();
		assertThat(login.urlFor("192.0.2.10")).isEqualTo("https://192.0.2.10:8443/");
		assertThat(login.urlFor("2001:db8::10")).isEqualTo("https://[2001:db8::10]:8443/");
		assertThat(login.toString()).doesNotContain(password());

		ProductLogin unknown = catalog.productLogin(new ProductId(UUID.randomUUID()));
		assertThat(unknown).isEqualTo(ProductLogin.none());
		assertThat(unknown.declaresLogin()).isFalse();
		assertThat(unknown.urlFor("192.0.2.10")).isNull();

		product.put("accessUrl", " ");
		product.put("defaultUsername", null);
		product.put("defaultPassword", "");
		product.put("ports", List.of(443, 443));
		assertThat(send(vendor, HttpMethod.PUT, "/api/v1/products/" + id.id(), product)).hasStatusOk();
		assertThat(catalog.productLogin(id)).isEqualTo(new ProductLogin(null, null, null, List.of(443)));
	}

	@Test
	void bad_values_are_refused_together_each_naming_its_field() {
		Map<String, Object> product = CatalogRequests.product("Bad access " + unique);
		product.put("accessUrl", "ftp://{address}/");
		product.put("defaultUsername", "two words");
		product.put("ports", List.of(0, 22, 65536));
		MvcTestResult refused = send(vendor, HttpMethod.POST, "/api/v1/products", product);
		assertThat(refused).hasStatus(400);
		List<String> fields = JsonPath.read(body(refused), "$.errors[*].field");
		assertThat(fields).containsExactlyInAnyOrder("accessUrl", "defaultUsername", "ports", "ports");
		assertThat(body(refused)).contains("https://{address}:8443/").contains("must not contain spaces")
			.contains("from 1 to 65535 (got 0)").contains("(got 65536)");

		for (Map.Entry<String, Object> bad : List.<Map.Entry<String, Object>>of(
				Map.entry("accessUrl", "https://{host}:8443/"), Map.entry("accessUrl", "{address}:8443"),
				Map.entry("accessUrl", "javascript:alert(1)//{address}"),
				Map.entry("accessUrl", "https://{address}/" + "x".repeat(500)),
				Map.entry("defaultPassword", "secret-without-user"), Map.entry("defaultUsername", "u".repeat(101)),
				Map.entry("ports", IntStream.rangeClosed(1, 21).boxed().toList()))) {
			Map<String, Object> one = CatalogRequests.product("Bad access " + unique);
			one.put(bad.getKey(), bad.getValue());
			MvcTestResult result = send(vendor, HttpMethod.POST, "/api/v1/products", one);
			assertThat(result).as(bad.toString()).hasStatus(400);
			assertThat(JsonPath.<List<String>>read(body(result), "$.errors[*].field")).as(bad.toString())
				.containsExactly(bad.getKey());
		}
		assertThat(send(vendor, HttpMethod.POST, "/api/v1/products",
				Map.of("name", "x", "shortDescription", "y", "category", "databases", "ports", "22"))).hasStatus(400);
	}

	@Test
	void the_product_form_saves_them_and_shows_a_refusal_next_to_the_field() throws Exception {
		MockHttpSession session = session(vendor);
		String name = "Form access " + unique;
		MvcTestResult refused = form(session, name, "22, abc");
		assertThat(refused).hasStatusOk().body().asString().contains("id=\"ports-error\"")
			.contains("&#39;abc&#39; is not a port number").contains("value=\"22, abc\"");
		refused = form(session, name, "22, 99999");
		assertThat(refused).hasStatusOk().body().asString().contains("id=\"ports-error\"").contains("(got 99999)");

		MvcTestResult created = form(session, name, "22 443,8443");
		assertThat(created).hasStatus3xxRedirection();
		String page = mvc.get().uri(created.getResponse().getRedirectedUrl()).session(session).exchange().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("value=\"https://{address}:8443/\"").contains("value=\"" + username() + "\"")
			.contains("value=\"" + password() + "\"").contains("value=\"22, 443, 8443\"");
	}

	@Test
	void they_never_appear_on_the_storefront_or_in_public_api_responses() {
		Map<String, Object> product = withAccess(CatalogRequests.product("Public " + unique));
		String id = JsonPath.read(body(send(vendor, HttpMethod.POST, "/api/v1/products", product)), "$.id");
		String image = compute.image(3).id().id().toString();
		assertThat(send(vendor, HttpMethod.POST, "/api/v1/products/" + id + "/plans",
				CatalogRequests.plan(image, "Small", 1, 1024, 20, null, "9.00", "EUR"))).hasStatus(201);
		MvcTestResult published = send(vendor, HttpMethod.POST, "/api/v1/products/" + id + "/publish", Map.of());
		assertThat(published).hasStatusOk();
		String slug = JsonPath.read(body(published), "$.slug");
		TestUser customer = accounts.customer();

		List<String> bodies = new ArrayList<>();
		bodies.add(anonymous("/api/v1/products/" + id));
		bodies.add(anonymous("/api/v1/products?q=" + unique));
		bodies.add(anonymous("/products/" + slug));
		bodies.add(anonymous("/products?q=" + unique));
		bodies.add(anonymous("/compare?p=" + id));
		bodies.add(body(mvc.get().uri("/api/v1/products/" + id).header(HttpHeaders.AUTHORIZATION, customer.bearer())
			.exchange()));
		bodies.add(body(mvc.get().uri("/api/v1/products/" + id).header(HttpHeaders.AUTHORIZATION, vendor.bearer())
			.exchange()));
		assertThat(bodies.get(0)).contains("Public " + unique);
		assertThat(bodies.get(2)).contains("Public " + unique);
		for (String body : bodies) {
			assertThat(body).doesNotContain(password()).doesNotContain(username()).doesNotContain("{address}")
				.doesNotContain("defaultPassword").doesNotContain("accessUrl");
		}
		assertThat(body(mvc.get().uri("/api/v1/vendor/products").header(HttpHeaders.AUTHORIZATION, vendor.bearer())
			.exchange())).as("the vendor's own view has them").contains(password());
	}

	@Test
	void catalog_imports_carry_them_and_report_a_bad_port_at_its_path() {
		String image = compute.image(10).name();
		String slug = "access-" + unique;
		String file = """
				products:
				  - slug: %s
				    name: Access %s
				    shortDescription: A product with a web console.
				    category: databases
				    accessUrl: "https://{address}:8443/"
				    defaultUsername: %s
				    defaultPassword: %s
				    ports: [22, 8443]
				    plans:
				      - {name: Small, vcpus: 1, memoryMib: 1024, diskGib: 20, image: "%s", monthlyPrice: 5, currency: EUR}
				""".formatted(slug, unique, username(), password(), image);
		MvcTestResult imported = importFile(file);
		assertThat(imported).hasStatusOk();
		String id = JsonPath.read(body(imported), "$.products[0].id");
		assertThat(catalog.productLogin(new ProductId(UUID.fromString(id))))
			.isEqualTo(new ProductLogin("https://{address}:8443/", username(), password(), List.of(22, 8443)));
		assertThat(importFile(file)).bodyJson().extractingPath("$.products[0].action").isEqualTo("unchanged");

		MvcTestResult rejected = importFile(file.replace("[22, 8443]", "[22, http]"));
		assertThat(rejected).hasStatus(422);
		List<Map<String, Object>> problems = JsonPath.read(body(rejected), "$.problems");
		assertThat(problems).singleElement().satisfies(problem -> {
			assertThat(problem).containsEntry("path", "products[0].ports[1]").containsEntry("line", 9);
			assertThat((String) problem.get("message")).contains("must be a whole number");
		});
		rejected = importFile(file.replace("[22, 8443]", "[22, 70000]"));
		assertThat(rejected).hasStatus(422);
		assertThat(body(rejected)).contains("products[0].ports").contains("(got 70000)");
	}

	@Test
	void the_demo_products_access_details_pass_the_rules() {
		for (ProductLogin demo : CatalogDemoData.ACCESS.values()) {
			List<InvalidInputException.Violation> violations = new ArrayList<>();
			ProductLogin checked = CatalogRules.login(new ProductInput("Demo", null, "A demo.", null, "databases", null,
					null, null, null, demo.accessUrl(), demo.defaultUsername(), demo.defaultPassword(), demo.ports()),
					violations);
			assertThat(violations).as(demo.toString()).isEmpty();
			assertThat(checked).isEqualTo(demo);
		}
	}

	private MvcTestResult importFile(String content) {
		return mvc.post().uri("/api/v1/catalog/imports").multipart().header(HttpHeaders.AUTHORIZATION, vendor.bearer())
			.file(new MockMultipartFile("file", "catalog.yaml", "application/octet-stream",
					content.getBytes(StandardCharsets.UTF_8)))
			.exchange();
	}

	private Map<String, Object> withAccess(Map<String, Object> product) {
		product.put("accessUrl", "https://{address}:8443/");
		product.put("defaultUsername", username());
		product.put("defaultPassword", password());
		product.put("ports", List.of(22, 443, 8443));
		return product;
	}

	private String username() {
		return "admin-" + unique;
	}

	private String password() {
		return "Initial-" + unique;
	}

	private MvcTestResult form(MockHttpSession session, String name, String ports) {
		return mvc.post().uri("/panel/vendor/products/new").session(session).with(csrf())
			.param("name", name).param("shortDescription", "A product with access details.")
			.param("category", "databases").param("accessUrl", "https://{address}:8443/")
			.param("defaultUsername", username()).param("defaultPassword", password()).param("ports", ports)
			.exchange();
	}

	private String anonymous(String uri) {
		MvcTestResult result = mvc.get().uri(uri).exchange();
		assertThat(result).as(uri).hasStatusOk();
		return body(result);
	}

	private MvcTestResult send(TestUser user, HttpMethod method, String uri, Object body) {
		return mvc.method(method).uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer())
			.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)).exchange();
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
