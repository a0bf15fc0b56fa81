package io.skyport.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.subscriptions.BillingFixtures;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.catalog.CatalogFixtures.PublishedProduct;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * The storefront pages: search, product page, comparison, reviews, and resellers' storefronts with their markup.
 */
@SkyportIntegrationTest
class StorefrontPagesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	CatalogFixtures catalog;

	@Autowired
	BillingFixtures billing;

	@Autowired
	JsonMapper json;

	@Test
	void the_storefront_finds_a_product_by_search_and_shows_its_page_with_plans() {
		String marker = "Quasar" + UUID.randomUUID().toString().substring(0, 6);
		PublishedProduct product = catalog.publish(accounts.vendor(), marker + " DB", "databases", "EUR", "9.90", "19.90");

		assertThat(mvc.get().uri("/products?q=" + marker)).hasStatusOk().body().asString()
			.contains(marker + " DB").contains("from <strong>€9.90</strong>/month").contains("/products/" + product.slug());
		assertThat(mvc.get().uri("/products/" + product.slug())).hasStatusOk().body().asString()
			.contains("Plan 1").contains("Plan 2").contains("€19.90").contains("<h2>About</h2>")
			.contains("Sign in</a> as a customer to review");
		assertThat(mvc.get().uri("/")).hasStatusOk().body().asString().contains(marker + " DB");
	}

	@Test
	void bad_search_parameters_are_explained_on_the_page() {
		assertThat(mvc.get().uri("/products?minPrice=abc&sort=sideways")).hasStatusOk().body().asString()
			.contains("&#39;abc&#39; is not a price.").contains("Choose an order from the list.");
		assertThat(mvc.get().uri("/products/no-such-product-" + UUID.randomUUID())).hasStatus(404);
	}

	@Test
	void two_to_four_products_compare_side_by_side() {
		TestUser vendor = accounts.vendor();
		PublishedProduct a = catalog.publish(vendor, "Cmp A " + UUID.randomUUID().toString().substring(0, 6), "databases", "EUR", "5");
		PublishedProduct b = catalog.publish(vendor, "Cmp B " + UUID.randomUUID().toString().substring(0, 6), "security", "EUR", "7", "8");

		assertThat(mvc.get().uri("/compare?p=" + a.slug() + "&p=" + b.slug())).hasStatusOk().body().asString()
			.contains("€5.00").contains("€7.00").contains("€8.00").contains("rowspan=\"2\"");
		assertThat(mvc.get().uri("/compare?p=" + a.slug())).hasStatusOk().body().asString()
			.contains("Pick two to four products");
		assertThat(mvc.get().uri("/compare?p=a&p=b&p=c&p=d&p=e")).hasStatus(400).body().asString()
			.contains("Compare at most 4 products");
	}

	@Test
	void a_customer_reviews_from_the_product_page_and_sees_errors_next_to_the_form() {
		PublishedProduct product = catalog.publish(accounts.vendor(), "Rev " + UUID.randomUUID().toString().substring(0, 6),
				"monitoring", "EUR", "3");
		TestUser buyer = accounts.customer();
		MockHttpSession customer = session(buyer);

		assertThat(mvc.get().uri("/products/" + product.slug()).session(customer)).body().asString()
			.contains("Only customers who have subscribed to Rev ").doesNotContain("Write a review");
		assertThat(mvc.post().uri("/products/" + product.slug() + "/reviews").session(customer).with(csrf())
			.param("rating", "4").param("comment", "Not bought yet")).hasStatusOk().body().asString()
			.contains("Only customers who have subscribed to Rev ");
		billing.subscribe(buyer, product.id());

		assertThat(mvc.post().uri("/products/" + product.slug() + "/reviews").session(customer).with(csrf())
			.param("rating", "9").param("comment", "x")).hasStatusOk().body().asString()
			.contains("Rate the product from 1 to 5 stars.");
		assertThat(mvc.post().uri("/products/" + product.slug() + "/reviews").session(customer).with(csrf())
			.param("rating", "4").param("comment", "Solid <b>tool</b>")).hasStatusOk().body().asString()
			.contains("HTML is not allowed in reviews");
		assertThat(mvc.post().uri("/products/" + product.slug() + "/reviews").session(customer).with(csrf())
			.param("rating", "4").param("comment", "Solid tool")).hasStatus3xxRedirection();
		assertThat(mvc.get().uri("/products/" + product.slug()).session(customer)).body().asString()
			.contains("Solid tool").contains("Edit your review").contains("★ <span>4.0</span>");
		assertThat(mvc.post().uri("/products/" + product.slug() + "/reviews").with(csrf()).param("rating", "5"))
			.hasStatus3xxRedirection().redirectedUrl().endsWith("/login");
	}

	@Test
	void a_reseller_storefront_shows_marked_up_prices_at_its_path_and_domain() {
		TestUser reseller = accounts.reseller();
		String slug = "shop-" + UUID.randomUUID().toString().substring(0, 8);
		String domain = slug + ".example.test";
		PublishedProduct product = catalog.publish(accounts.vendor(), "Markup " + UUID.randomUUID().toString().substring(0, 6),
				"databases", "EUR", "10.00");

		assertThat(mvc.put().uri("/api/v1/reseller/storefront").header(HttpHeaders.AUTHORIZATION, reseller.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("slug", slug, "name", "Nimbus Cloud", "primaryColour", "#0f766e",
					"accentColour", "#b45309", "customDomain", domain, "markupPercent", 20,
					"categoryMarkups", Map.of("databases", 15)))))
			.hasStatusOk();

		assertThat(mvc.get().uri("/m/" + slug + "/products/" + product.slug())).hasStatusOk().body().asString()
			.contains("Nimbus Cloud").contains("€11.50").doesNotContain("€10.00");
		assertThat(mvc.get().uri("/products/" + product.slug()).header(HttpHeaders.HOST, domain)).hasStatusOk()
			.body().asString().contains("Nimbus Cloud").contains("€11.50");
		assertThat(mvc.get().uri("/products/" + product.slug())).body().asString().contains("€10.00");
		assertThat(mvc.get().uri("/m/" + slug + "/products?q=Markup&minPrice=11&maxPrice=12")).body().asString()
			.contains(product.slug());
		assertThat(mvc.get().uri("/m/no-such-storefront-" + UUID.randomUUID())).hasStatus(404);
	}

	@Test
	void a_reseller_uploads_a_logo_that_the_storefront_header_shows() throws Exception {
		TestUser reseller = accounts.reseller();
		String slug = "logo-" + UUID.randomUUID().toString().substring(0, 8);
		byte[] logo = io.skyport.testing.TestImages.png(200, 200, java.awt.Color.MAGENTA);

		assertThat(mvc.post().uri("/api/v1/reseller/storefront/logo").multipart()
			.file(new org.springframework.mock.web.MockMultipartFile("file", "l.png", "image/png", logo))
			.header(HttpHeaders.AUTHORIZATION, reseller.bearer())).hasStatus(404).body().asString()
			.contains("Save your storefront's settings before uploading its logo.");
		mvc.put().uri("/api/v1/reseller/storefront").header(HttpHeaders.AUTHORIZATION, reseller.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("slug", slug, "name", "Logo Shop", "primaryColour", "#334155",
					"accentColour", "#b45309", "markupPercent", 0)))
			.exchange();
		MvcTestResult uploaded = mvc.post().uri("/api/v1/reseller/storefront/logo").multipart()
			.file(new org.springframework.mock.web.MockMultipartFile("file", "l.png", "image/png", logo))
			.header(HttpHeaders.AUTHORIZATION, reseller.bearer()).exchange();

		assertThat(uploaded).hasStatusOk();
		String logoUrl = com.jayway.jsonpath.JsonPath.read(uploaded.getResponse().getContentAsString(), "$.logoUrl");
		assertThat(mvc.get().uri("/m/" + slug)).body().asString().contains(logoUrl);
		assertThat(mvc.get().uri(logoUrl)).hasStatusOk().hasContentType("image/png");
	}

	@Test
	void storefront_settings_are_validated_and_only_resellers_have_one() {
		TestUser reseller = accounts.reseller();
		MvcTestResult bad = mvc.put().uri("/api/v1/reseller/storefront").header(HttpHeaders.AUTHORIZATION, reseller.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("slug", "No Spaces", "name", "", "primaryColour", "red",
					"accentColour", "#123456", "customDomain", "https://x.test/path", "markupPercent", 900,
					"categoryMarkups", Map.of("toys", 5))))
			.exchange();
		assertThat(bad).hasStatus(400).bodyJson().extractingPath("$.errors[*].field").asArray()
			.contains("slug", "name", "primaryColour", "customDomain", "markupPercent", "categoryMarkups");
		assertThat(mvc.get().uri("/api/v1/reseller/storefront").header(HttpHeaders.AUTHORIZATION, accounts.customer().bearer()))
			.hasStatus(403);

		MockHttpSession session = session(reseller);
		assertThat(mvc.get().uri("/panel/reseller/storefront").session(session)).hasStatusOk().body().asString()
			.contains("Open your own storefront");
		assertThat(mvc.post().uri("/panel/reseller/storefront").session(session).with(csrf())
			.param("slug", "x").param("name", "N").param("primaryColour", "#000000").param("accentColour", "#ffffff")
			.param("markupPercent", "abc")).hasStatusOk().body().asString()
			.contains("&#39;abc&#39; is not a number.");
	}

	@Test
	void anonymous_pages_are_served_from_memory_revalidated_by_etag_and_dropped_when_the_catalog_changes() {
		String marker = "Cached" + UUID.randomUUID().toString().substring(0, 6);
		TestUser vendor = accounts.vendor();
		catalog.publish(vendor, marker + " One", "databases", "EUR", "1");
		String uri = "/products?q=" + marker;

		MvcTestResult first = mvc.get().uri(uri).exchange();
		MvcTestResult second = mvc.get().uri(uri).exchange();
		String etag = second.getResponse().getHeader(HttpHeaders.ETAG);

		assertThat(first).hasHeader(StorefrontPageCache.HEADER, "MISS");
		assertThat(second).hasHeader(StorefrontPageCache.HEADER, "HIT").body().asString().contains(marker + " One");
		assertThat(etag).isEqualTo(first.getResponse().getHeader(HttpHeaders.ETAG)).startsWith("\"");
		assertThat(mvc.get().uri(uri).header(HttpHeaders.IF_NONE_MATCH, etag)).hasStatus(304);
		assertThat(mvc.get().uri(uri).header(HttpHeaders.ACCEPT_ENCODING, "gzip")).hasHeader(HttpHeaders.CONTENT_ENCODING, "gzip");

		catalog.publish(vendor, marker + " Two", "databases", "EUR", "2");

		assertThat(mvc.get().uri(uri)).hasHeader(StorefrontPageCache.HEADER, "MISS").body().asString()
			.contains(marker + " Two");
		assertThat(mvc.get().uri(uri).session(session(accounts.customer()))).doesNotContainHeader(StorefrontPageCache.HEADER);
	}

	@Test
	void cache_hits_skip_spring_security_but_carry_the_headers_it_sent_with_the_page() {
		String marker = "Early" + UUID.randomUUID().toString().substring(0, 6);
		catalog.publish(accounts.vendor(), marker + " One", "security", "EUR", "4");
		String uri = "/products?q=" + marker;

		MvcTestResult miss = mvc.get().uri(uri).exchange();
		MvcTestResult hit = mvc.get().uri(uri).exchange();

		assertThat(miss).hasHeader(StorefrontPageCache.HEADER, "MISS");
		assertThat(hit).hasHeader(StorefrontPageCache.HEADER, "HIT").body().asString().contains(marker + " One");
		// The miss went through Spring Security (its CSRF filter left a token on the request); the hit did not.
		assertThat(miss.getRequest().getAttribute(CsrfToken.class.getName())).isNotNull();
		assertThat(hit.getRequest().getAttribute(CsrfToken.class.getName())).isNull();
		for (String header : List.of("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
				"Referrer-Policy", "Content-Language", HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED,
				HttpHeaders.CACHE_CONTROL, HttpHeaders.VARY)) {
			assertThat(hit.getResponse().getHeaders(header)).as(header).isNotEmpty()
				.isEqualTo(miss.getResponse().getHeaders(header));
		}
		assertThat(hit.getResponse().getHeaderNames()).as("the same headers")
			.containsExactlyInAnyOrderElementsOf(miss.getResponse().getHeaderNames());
		assertThat(hit.getResponse().getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
		assertThat(mvc.get().uri(uri).header(HttpHeaders.IF_MODIFIED_SINCE, hit.getResponse().getHeader(HttpHeaders.LAST_MODIFIED)))
			.hasStatus(304).hasHeader(StorefrontPageCache.HEADER, "HIT").hasHeader("X-Frame-Options", "DENY");
	}

	@Test
	void a_head_request_never_leaves_an_empty_page_in_the_cache() {
		String marker = "Head" + UUID.randomUUID().toString().substring(0, 6);
		catalog.publish(accounts.vendor(), marker + " One", "databases", "EUR", "3");
		String uri = "/products?q=" + marker;

		assertThat(mvc.head().uri(uri)).hasStatusOk();

		assertThat(mvc.get().uri(uri)).hasStatusOk().body().asString().contains(marker + " One");
		assertThat(mvc.get().uri(uri)).hasHeader(StorefrontPageCache.HEADER, "HIT").body().asString().contains(marker + " One");
		assertThat(mvc.head().uri(uri)).hasStatusOk().hasHeader(StorefrontPageCache.HEADER, "HIT");
	}

	@Test
	void the_stylesheet_may_be_stored_by_browsers_but_is_revalidated() {
		MvcTestResult css = mvc.get().uri("/css/skyport.css").exchange();

		assertThat(css).hasStatusOk().hasHeader(HttpHeaders.CACHE_CONTROL, "no-cache, public");
		assertThat(css).doesNotContainHeader(HttpHeaders.PRAGMA).doesNotContainHeader(HttpHeaders.EXPIRES);
		assertThat(mvc.get().uri("/css/skyport.css")
			.header(HttpHeaders.IF_MODIFIED_SINCE, css.getResponse().getHeader(HttpHeaders.LAST_MODIFIED))).hasStatus(304);
	}

	private MockHttpSession session(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}
}
