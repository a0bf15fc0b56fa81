package io.skyport.billing.subscriptions;

import static io.skyport.billing.subscriptions.BillingApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.SubscriptionId;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.catalog.CatalogFixtures.PublishedProduct;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.compute.CapacityFixtures;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * The page flow of an order: the storefront's buttons (cacheable, the same for everyone), sign-in and back, billing
 * details first, the order page's price, the confirmation; and the subscription pages of every role.
 */
@SkyportIntegrationTest
class BillingPagesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	CatalogFixtures catalogFixtures;

	@Autowired
	Catalog catalog;

	@Autowired
	BillingFixtures billing;

	@Test
	void product_pages_offer_order_and_trial_links_that_keep_the_page_cacheable() {
		PublishedProduct product = catalogFixtures.publish(accounts.vendor(), OrderApiTests.unique("Buttons"), "databases",
				"EUR", "9.99");
		PlanSnapshot plan = plan(product);
		String uri = "/products/" + product.slug();

		MvcTestResult miss = mvc.get().uri(uri).exchange();
		MvcTestResult hit = mvc.get().uri(uri).exchange();

		assertThat(miss).hasHeader("X-Skyport-Cache", "MISS");
		assertThat(hit).hasHeader("X-Skyport-Cache", "HIT");
		assertThat(body(hit)).contains("href=\"/order?plan=" + plan.planId() + "&amp;trial=false\"")
			.contains("href=\"/order?plan=" + plan.planId() + "&amp;trial=true\"")
			.contains(">Order</a>").contains(">Start free trial</a>");
		assertThat(body(mvc.get().uri(uri).session(session(accounts.customer())).exchange()))
			.contains("href=\"/order?plan=" + plan.planId() + "&amp;trial=false\"");
	}

	@Test
	void a_reseller_storefronts_buttons_carry_its_slug_and_the_order_page_shows_its_price() {
		TestUser reseller = accounts.reseller();
		String slug = "page-" + UUID.randomUUID().toString().substring(0, 8);
		new BillingApi(mvc, json).send("PUT", "/api/v1/reseller/storefront", Map.of("slug", slug, "name", "Page Cloud",
				"primaryColour", "#0f766e", "accentColour", "#b45309", "markupPercent", 15), reseller);
		PublishedProduct product = catalogFixtures.publish(accounts.vendor(), OrderApiTests.unique("Marked"), "security",
				"EUR", "10.00");
		PlanSnapshot plan = plan(product);
		TestUser customer = accounts.customer();
		billing.billingDetails(customer);

		assertThat(body(mvc.get().uri("/m/" + slug + "/products/" + product.slug()).exchange()))
			.contains("<strong>€11.50</strong>")
			.contains("href=\"/order?plan=" + plan.planId() + "&amp;trial=false&amp;storefront=" + slug + "\"");
		assertThat(body(mvc.get().uri("/order?plan=" + plan.planId() + "&trial=false&storefront=" + slug)
			.session(session(customer)).exchange()))
			.contains("€11.50").contains("Page Cloud").contains("name=\"storefront\" value=\"" + slug + "\"");
	}

	@Test
	void an_anonymous_visitor_signs_in_and_returns_to_the_order_then_gives_billing_details_first() {
		PlanSnapshot plan = plan(catalogFixtures.publish(accounts.vendor(), OrderApiTests.unique("Flow"), "databases",
				"EUR", "12.00"));
		TestUser customer = accounts.customer();
		String orderPath = "/order?plan=" + plan.planId() + "&trial=true";

		MvcTestResult anonymous = mvc.get().uri(orderPath).exchange();
		assertThat(anonymous).hasStatus3xxRedirection();
		assertThat(anonymous.getResponse().getRedirectedUrl()).endsWith("/login");
		MockHttpSession visitor = (MockHttpSession) anonymous.getRequest().getSession(false);
		MvcTestResult signedIn = mvc.post().uri("/login").session(visitor).with(csrf()).param("username", customer.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(signedIn.getResponse().getRedirectedUrl()).contains(orderPath);
		MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);

		MvcTestResult askedForDetails = mvc.get().uri(orderPath).session(session).exchange();
		assertThat(askedForDetails).hasRedirectedUrl("/panel/billing/details?plan=" + plan.planId() + "&trial=true");
		assertThat(body(mvc.get().uri(askedForDetails.getResponse().getRedirectedUrl()).session(session).exchange()))
			.contains("Save and continue to the order").contains("name=\"plan\" value=\"" + plan.planId() + "\"");

		MvcTestResult invalid = mvc.post().uri("/panel/billing/details").session(session).with(csrf())
			.param("plan", plan.planId().toString()).param("trial", "true").param("legalName", "Flow Ltd")
			.param("billingEmail", "nope").param("country", "ZZ").exchange();
		assertThat(invalid).hasStatusOk();
		assertThat(body(invalid)).contains("&#39;nope&#39; is not an e-mail address.").contains("Enter the city.")
			.contains("is not a country code");

		MvcTestResult saved = mvc.post().uri("/panel/billing/details").session(session).with(csrf())
			.param("plan", plan.planId().toString()).param("trial", "true").param("legalName", "Flow Ltd")
			.param("billingEmail", "billing@flow.example").param("addressLine1", "2 Quay").param("postalCode", "1011")
			.param("city", "Amsterdam").param("country", "NL").param("business", "true").exchange();
		assertThat(saved).hasRedirectedUrl(orderPath);

		assertThat(body(mvc.get().uri(orderPath).session(session).exchange())).contains("Start a free trial")
			.contains("€12.00").contains("7 days free").contains("Add a key");
		MvcTestResult confirmed = mvc.post().uri("/order").session(session).with(csrf())
			.param("plan", plan.planId().toString()).param("trial", "true")
			.param("region", CapacityFixtures.ROOMY_REGION).exchange();
		assertThat(confirmed).hasStatus3xxRedirection();
		String subscriptionPage = confirmed.getResponse().getRedirectedUrl();
		assertThat(subscriptionPage).startsWith("/panel/subscriptions/");
		assertThat(body(mvc.get().uri(subscriptionPage).session(session).exchange())).contains("Trial")
			.contains("Keep it after the trial").contains("Cancel subscription");

		assertThat(body(mvc.get().uri(orderPath).session(session).exchange()))
			.contains("You already had a trial of").contains("Order the plan without a trial");
	}

	@Test
	void a_customer_keeps_a_trial_and_cancels_after_a_confirmation() {
		PlanSnapshot plan = plan(catalogFixtures.publish(accounts.vendor(), OrderApiTests.unique("Panel"), "databases",
				"EUR", "8.00"));
		TestUser customer = accounts.customer();
		SubscriptionId trial = billing.subscribe(customer, plan.planId(), true);
		SubscriptionId paid = billing.subscribe(customer, plan.planId(), false);
		MockHttpSession session = session(customer);
		String trialPage = "/panel/subscriptions/" + trial;
		String paidPage = "/panel/subscriptions/" + paid;

		assertThat(body(mvc.get().uri("/panel/subscriptions").session(session).exchange())).contains(trialPage)
			.contains(paidPage).contains("€8.00");
		assertThat(mvc.post().uri(trialPage + "/keep").session(session).with(csrf()).param("keep", "true"))
			.hasRedirectedUrl(trialPage);
		assertThat(body(mvc.get().uri(trialPage).session(session).exchange())).contains("You keep this subscription")
			.contains("Don&#39;t keep it after the trial");

		assertThat(body(mvc.get().uri(paidPage + "/cancel").session(session).exchange()))
			.contains("At the end of the current period").contains("value=\"now\"");
		assertThat(mvc.post().uri(paidPage + "/cancel").session(session).with(csrf()).param("when", "period-end"))
			.hasRedirectedUrl(paidPage);
		assertThat(body(mvc.get().uri(paidPage).session(session).exchange())).contains("Active, ends")
			.contains("You can still end it at once");
		assertThat(mvc.post().uri(paidPage + "/cancel").session(session).with(csrf()).param("when", "now"))
			.hasRedirectedUrl(paidPage);
		assertThat(body(mvc.get().uri(paidPage).session(session).exchange())).contains("Cancelled")
			.doesNotContain("Cancel subscription…");
		assertThat(mvc.get().uri(paidPage + "/cancel").session(session)).hasStatus(409);
		assertThat(mvc.get().uri(paidPage).session(session(accounts.customer()))).hasStatus(404);
	}

	@Test
	void vendors_resellers_and_operators_have_their_lists_and_only_customers_order() {
		TestUser vendor = accounts.vendor();
		PublishedProduct product = catalogFixtures.publish(vendor, OrderApiTests.unique("Listed"), "databases", "EUR", "6");
		TestUser customer = accounts.customer();
		billing.subscribe(customer, product.id());
		MockHttpSession vendorSession = session(vendor);

		assertThat(body(mvc.get().uri("/panel/vendor/subscriptions").session(vendorSession).exchange()))
			.contains("Subscriptions to your products").contains(customer.user().organisationName()).contains("€6.00");
		assertThat(body(mvc.get().uri("/panel/reseller/subscriptions").session(session(accounts.reseller())).exchange()))
			.contains("No subscriptions yet.");
		assertThat(body(mvc.get().uri("/panel/admin/subscriptions").session(session(accounts.operator())).exchange()))
			.contains("All subscriptions");
		assertThat(mvc.get().uri("/panel/admin/subscriptions").session(vendorSession)).hasStatus(403);
		assertThat(body(mvc.get().uri("/panel").session(vendorSession).exchange()))
			.contains("href=\"/panel/vendor/subscriptions\"");

		MvcTestResult vendorOrders = mvc.get().uri("/order?plan=" + plan(product).planId()).session(vendorSession).exchange();
		assertThat(vendorOrders).hasStatus(403);
		assertThat(body(vendorOrders)).contains("Only customer accounts can order");
		assertThat(mvc.get().uri("/order?plan=not-a-plan").session(session(customer))).hasStatus(404);
	}

	@Test
	void a_vendor_sees_a_subscription_to_its_product_but_gets_no_cancel_page() {
		TestUser vendor = accounts.vendor();
		PublishedProduct product = catalogFixtures.publish(vendor, OrderApiTests.unique("Looked at"), "databases", "EUR", "6");
		TestUser customer = accounts.customer();
		String page = "/panel/subscriptions/" + billing.subscribe(customer, product.id()).id();
		MockHttpSession vendorSession = session(vendor);

		assertThat(mvc.get().uri(page).session(vendorSession)).hasStatusOk();
		assertThat(mvc.get().uri(page + "/cancel").session(vendorSession)).hasStatus(403);
		assertThat(mvc.get().uri(page + "/cancel").session(session(accounts.customer()))).hasStatus(404);
		assertThat(mvc.get().uri(page + "/cancel").session(session(customer))).hasStatusOk();
	}

	private PlanSnapshot plan(PublishedProduct product) {
		return catalog.publishedProduct(product.id()).orElseThrow().plans().getFirst();
	}

	private MockHttpSession session(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}
}
