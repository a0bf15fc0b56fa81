package io.skyport.billing.subscriptions;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.catalog.CatalogFixtures.PublishedProduct;
import io.skyport.compute.CapacityFixtures;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ordering in a real browser: a visitor clicks "Order" on a product page, signs in, gives billing details, picks an
 * SSH key, confirms, and finds the subscription in the control panel.
 */
@SkyportIntegrationTest
class OrderBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	CatalogFixtures catalog;

	@Test
	void a_customer_orders_from_the_product_page_and_sees_the_subscription_in_the_panel() throws IOException {
		String name = OrderApiTests.unique("Osprey");
		PublishedProduct product = catalog.publish(accounts.vendor(), name, "databases", "EUR", "14.90", "29.00");
		TestUser customer = accounts.customer();
		try (InputStream in = getClass().getResourceAsStream("/ssh-keys/id_ed25519.pub")) {
			BillingApi.read(new BillingApi(mvc, json).send("POST", "/api/v1/ssh-keys", Map.of("name", "work laptop",
					"publicKey", new String(in.readAllBytes(), StandardCharsets.UTF_8)), customer), "$.id");
		}
		Page page = browser.page();

		page.navigate("/products/" + product.slug());
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Order Plan 1").setExact(true)).click();
		page.waitForURL("**/login");
		page.getByLabel("E-mail address").fill(customer.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

		page.waitForURL("**/panel/billing/details?**");
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Add your billing details first; then you confirm your order.");
		page.getByLabel("Legal name").fill("Osprey Analytics Ltd");
		page.getByLabel("Billing e-mail address").fill("accounts@osprey.example");
		page.getByLabel("Address", new Page.GetByLabelOptions().setExact(true)).fill("5 Market Square");
		page.getByLabel("Postal code").fill("EH1 1AA");
		page.getByLabel("City").fill("Edinburgh");
		page.getByLabel("Country").selectOption("GB");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save and continue to the order")).click();

		page.waitForURL("**/order?**");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Confirm your order");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name + " — Plan 1"))).isVisible();
		assertThat(page.locator(".order-price")).hasText("€14.90");
		Locator key = page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("work laptop"));
		assertThat(key).isChecked();
		page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName(CapacityFixtures.ROOMY_REGION)).check();
		browser.screenshot("order-page");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order for €14.90/month")).click();

		page.waitForURL("**/panel/subscriptions/*");
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Thank you for your order. Your server is being prepared.");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText(name);
		assertThat(page.getByLabel("Subscription")).containsText("€14.90 per month");

		page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Control panel"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Subscriptions")).click();
		page.waitForURL("**/panel/subscriptions");
		Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name));
		assertThat(row).containsText("Plan 1 (v1)");
		assertThat(row).containsText("Active");
		assertThat(row).containsText("€14.90");
		browser.screenshot("subscriptions");
	}
}
