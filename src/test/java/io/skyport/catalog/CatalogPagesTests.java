package io.skyport.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.subscriptions.BillingFixtures;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * The vendors' catalog pages and the operators' review moderation, through the forms a browser submits.
 */
@SkyportIntegrationTest
class CatalogPagesTests {

	private static final String PRODUCTS = "/panel/vendor/products";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	BillingFixtures billing;

	TestUser vendor;
	MockHttpSession vendorSession;
	String imageId;

	@BeforeEach
	void vendorAndImage() {
		vendor = accounts.vendor();
		vendorSession = session(vendor);
		imageId = image(accounts.operator());
	}

	@Test
	void a_vendor_creates_a_product_and_a_plan_with_the_forms_publishes_it_and_sees_it_on_the_list() {
		String name = unique("Pg Cloud");
		MvcTestResult created = post(vendorSession, PRODUCTS + "/new", productForm(name)).exchange();
		assertThat(created).hasStatus3xxRedirection().flash().containsKey("notice");
		String id = created.getResponse().getRedirectedUrl().substring(PRODUCTS.length() + 1);
		assertThat(page(vendorSession, PRODUCTS + "/" + id)).contains(name).contains(">draft<").contains("No plans yet");

		assertThat(post(vendorSession, PRODUCTS + "/" + id + "/plans/new", planForm("Small", "2", "2048", "12.50")))
			.hasStatus3xxRedirection().hasRedirectedUrl(PRODUCTS + "/" + id)
			.flash().containsEntry("notice", "Added the plan 'Small'.");
		assertThat(post(vendorSession, PRODUCTS + "/" + id + "/publish")).hasStatus3xxRedirection()
			.flash().containsEntry("notice", name + " is on the storefront.");

		assertThat(page(vendorSession, PRODUCTS + "/" + id)).contains(">published<").contains(">Withdraw<")
			.doesNotContain(">Publish<").contains("Small").contains("€12.50").contains("50 GiB");
		assertThat(page(vendorSession, PRODUCTS)).contains(name).contains(">published<").contains("€12.50 / month")
			.contains("New product");
	}

	@Test
	void a_bad_plan_shows_each_problem_next_to_its_field_and_keeps_what_was_typed() {
		String id = createProduct(vendorSession, unique("Absurd"));

		MvcTestResult result = post(vendorSession, PRODUCTS + "/" + id + "/plans/new",
				planForm("Huge", "0", "abc", "12.345")).exchange();

		assertThat(result).hasStatusOk().body().asString()
			.contains("vCPUs must be between 1 and 256 (got 0)")
			.contains("&#39;abc&#39; is not a whole number.")
			.contains("12.345 has 3 decimals; EUR amounts have at most 2")
			.doesNotContain("RAM (MiB) is required")
			.contains("value=\"abc\"").contains("value=\"12.345\"").contains("value=\"0\"")
			.contains("aria-describedby=\"memoryMib-error memoryMib-help\"")
			.contains("id=\"memoryMib-error\"").contains("id=\"vcpus-error\"").contains("id=\"monthlyPrice-error\"");
		assertThat(page(vendorSession, PRODUCTS + "/" + id)).contains("No plans yet");
	}

	@Test
	void the_plan_form_takes_a_mount_point_and_shows_a_bad_one_next_to_its_field() {
		String id = createProduct(vendorSession, unique("Mounted"));
		String[][] fields = planForm("Db", "1", "1024", "5");
		String[][] bad = java.util.Arrays.copyOf(fields, fields.length + 1);
		bad[fields.length] = new String[] { "dataDiskMountPoint", "/usr/data" };

		MvcTestResult refused = post(vendorSession, PRODUCTS + "/" + id + "/plans/new", bad).exchange();

		assertThat(refused).hasStatusOk().body().asString().contains("id=\"dataDiskMountPoint-error\"")
			.contains("cannot be in /usr").contains("value=\"/usr/data\"");
		bad[fields.length] = new String[] { "dataDiskMountPoint", "/srv/pg" };
		assertThat(post(vendorSession, PRODUCTS + "/" + id + "/plans/new", bad)).hasStatus3xxRedirection();
		assertThat(page(vendorSession, PRODUCTS + "/" + id)).contains("50 GiB at /srv/pg");
	}

	@Test
	void publishing_without_plans_shows_the_reason_on_the_product_page() {
		String id = createProduct(vendorSession, unique("Planless"));

		assertThat(post(vendorSession, PRODUCTS + "/" + id + "/publish")).hasStatusOk().body().asString()
			.contains("role=\"alert\"").contains("Add at least one plan before publishing")
			.contains("Save details").contains(">draft<");
	}

	@Test
	void changing_a_plan_shows_its_versions_and_archiving_the_last_plan_on_sale_is_refused_on_the_page() {
		String id = publishedProduct(unique("Versioned"));
		String plan = JsonPath.read(page(vendorSession, "/api/v1/products/" + id), "$.plans[0].id");
		String planPage = PRODUCTS + "/" + id + "/plans/" + plan;
		assertThat(page(vendorSession, planPage)).contains("Version history").contains("Saving writes version")
			.contains("value=\"1024\"");

		assertThat(post(vendorSession, planPage, planForm("S", "2", "2048", "9.90")))
			.hasStatus3xxRedirection().flash().containsEntry("notice",
					"Saved the plan 'S' as version 2. Existing subscriptions keep the version they bought.");
		assertThat(page(vendorSession, planPage)).contains("value=\"2048\"").contains("€5.00").contains("€9.90");

		assertThat(post(vendorSession, planPage + "/archive")).hasStatusOk().body().asString()
			.contains("role=\"alert\"").contains("is the last plan on sale of a published product");
		assertThat(post(vendorSession, PRODUCTS + "/" + id + "/withdraw")).hasStatus3xxRedirection();
		assertThat(post(vendorSession, planPage + "/archive")).hasStatus3xxRedirection();
		assertThat(page(vendorSession, PRODUCTS + "/" + id)).contains(">archived<").contains(">Put on sale again<")
			.contains(">withdrawn<");
	}

	@Test
	void another_vendor_does_not_find_a_draft_and_customers_do_not_reach_the_vendor_pages() {
		String id = createProduct(vendorSession, unique("Secret"));

		assertThat(mvc.get().uri(PRODUCTS + "/" + id).session(session(accounts.vendor()))).hasStatus(404);
		assertThat(mvc.get().uri(PRODUCTS + "/" + id + "/preview").session(session(accounts.vendor()))).hasStatus(404);
		assertThat(mvc.get().uri(PRODUCTS).session(session(accounts.customer()))).hasStatus(403);
	}

	@Test
	void the_vendor_replies_to_a_review_on_the_reviews_page() {
		String id = publishedProduct(unique("Reviewed"));
		String review = review(accounts.customer(), id, "Fast & <3 friendly");
		String reviews = PRODUCTS + "/" + id + "/reviews";
		assertThat(page(vendorSession, reviews)).contains("Fast &amp; &lt;3 friendly").contains("Reply to Customer Person");

		assertThat(post(vendorSession, reviews + "/" + review + "/reply").param("reply", " ")).hasStatusOk().body()
			.asString().contains("Write a reply.").contains("id=\"reply-" + review + "-error\"");
		assertThat(post(vendorSession, reviews + "/" + review + "/reply").param("reply", "Thanks, we <3 you too"))
			.hasStatus3xxRedirection().hasRedirectedUrl(reviews);

		assertThat(page(vendorSession, reviews)).contains("Your reply").contains("Thanks, we &lt;3 you too")
			.contains("Change your reply to Customer Person");
	}

	@Test
	void an_operator_hides_a_review_with_a_reason_and_shows_it_again() {
		String id = publishedProduct(unique("Moderated"));
		String review = review(accounts.customer(), id, "Buy my crypto");
		MockHttpSession operator = session(accounts.operator());
		assertThat(page(operator, "/panel/admin/reviews")).contains("Buy my crypto").contains("Reason for hiding");

		assertThat(post(operator, "/panel/admin/reviews/" + review + "/hide").param("reason", "")).hasStatusOk().body()
			.asString().contains("Say why the review is hidden.");
		assertThat(post(operator, "/panel/admin/reviews/" + review + "/hide").param("reason", "Spam"))
			.hasStatus3xxRedirection().hasRedirectedUrl("/panel/admin/reviews");

		assertThat(mvc.get().uri("/api/v1/products/" + id + "/reviews")).body().asString().doesNotContain("Buy my crypto");
		assertThat(page(vendorSession, PRODUCTS + "/" + id + "/reviews")).contains("Hidden by an operator").contains("Spam");
		assertThat(post(operator, "/panel/admin/reviews/" + review + "/unhide")).hasStatus3xxRedirection();
		assertThat(mvc.get().uri("/api/v1/products/" + id + "/reviews")).body().asString().contains("Buy my crypto");
		assertThat(page(operator, PRODUCTS)).contains("All products").contains("Moderated").doesNotContain("New product");
	}

	@Test
	void the_preview_escapes_html_in_plain_fields_and_renders_the_markdown() {
		String name = unique("Fish & Chips <3");
		MockMvcRequestBuilder form = post(vendorSession, PRODUCTS + "/new", productForm(name))
			.param("shortDescription", "Faster than 1 < 2 & \"quoted\"")
			.param("longDescription", "## Features\n\n**bold** and a <3 b\n\n[docs](https://docs.example.test)");
		MvcTestResult created = form.exchange();
		assertThat(created).hasStatus3xxRedirection();
		String id = created.getResponse().getRedirectedUrl().substring(PRODUCTS.length() + 1);

		assertThat(page(vendorSession, PRODUCTS + "/" + id + "/preview"))
			.contains("<strong>Preview</strong>").contains("It is a draft")
			.contains("Fish &amp; Chips &lt;3").doesNotContain("Fish & Chips <3")
			.contains("Faster than 1 &lt; 2 &amp; &quot;quoted&quot;")
			.contains("<h2>Features</h2>").contains("<strong>bold</strong>").contains("a &lt;3 b")
			.contains("rel=\"nofollow noopener\"").contains("No plans on sale yet");
	}

	private String publishedProduct(String name) {
		String id = createProduct(vendorSession, name);
		assertThat(post(vendorSession, PRODUCTS + "/" + id + "/plans/new", planForm("S", "1", "1024", "5")))
			.hasStatus3xxRedirection();
		assertThat(post(vendorSession, PRODUCTS + "/" + id + "/publish")).hasStatus3xxRedirection();
		return id;
	}

	private String createProduct(MockHttpSession session, String name) {
		MvcTestResult created = post(session, PRODUCTS + "/new", productForm(name)).exchange();
		assertThat(created).hasStatus3xxRedirection();
		return created.getResponse().getRedirectedUrl().substring(PRODUCTS.length() + 1);
	}

	private static String[][] productForm(String name) {
		return new String[][] { { "name", name }, { "shortDescription", "A managed service for testing the pages." },
				{ "longDescription", "## Features\n\n* fast" }, { "category", "databases" }, { "tags", "sql, test" },
				{ "supportEmail", "support@example.test" } };
	}

	private String[][] planForm(String name, String vcpus, String memory, String price) {
		return new String[][] { { "name", name }, { "vcpus", vcpus }, { "memoryMib", memory }, { "diskGib", "20" },
				{ "dataDiskGib", "50" }, { "imageId", imageId }, { "monthlyPrice", price }, { "currency", "EUR" },
				{ "bandwidthIncludedGib", "1000" }, { "bandwidthPricePerGib", "0.01" }, { "trialDays", "14" } };
	}

	private String review(TestUser customer, String productId, String comment) {
		billing.subscribe(customer, new ProductId(UUID.fromString(productId)));
		return read(mvc.post().uri("/api/v1/products/" + productId + "/reviews")
			.header(HttpHeaders.AUTHORIZATION, customer.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"rating\": 4, \"comment\": \"" + comment.replace("\"", "\\\"") + "\"}")
			.exchange());
	}

	private String image(TestUser operator) {
		return read(mvc.post().uri("/api/v1/admin/images")
			.header(HttpHeaders.AUTHORIZATION, operator.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"name": "Pages image %s", "osFamily": "DEBIAN", "source": "default/debian-12.qcow2",
					 "defaultSshUser": "debian", "minDiskGib": 10}""".formatted(UUID.randomUUID()))
			.exchange());
	}

	private static String read(MvcTestResult result) {
		assertThat(result).hasStatus2xxSuccessful();
		return JsonPath.read(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), "$.id");
	}

	private MockMvcRequestBuilder post(MockHttpSession session, String uri) {
		return mvc.post().uri(uri).session(session).with(csrf());
	}

	private MockMvcRequestBuilder post(MockHttpSession session, String uri, String[][] fields) {
		return withFields(post(session, uri), fields);
	}

	private static MockMvcRequestBuilder withFields(MockMvcRequestBuilder request, String[][] fields) {
		for (String[] field : fields) {
			request.param(field[0], field[1]);
		}
		return request;
	}

	private String page(MockHttpSession session, String uri) {
		MvcTestResult result = mvc.get().uri(uri).session(session).exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
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
