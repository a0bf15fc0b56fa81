package io.skyport.catalog;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.jayway.jsonpath.JsonPath;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * A vendor's way from an empty catalog to a published product in a real browser, found by label and role.
 */
@SkyportIntegrationTest
class VendorPagesBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	AccountFixtures accounts;

	@Test
	void a_vendor_drafts_a_product_adds_a_plan_after_fixing_a_typo_publishes_and_previews_it() {
		TestUser vendor = accounts.vendor();
		String imageId = image(accounts.operator());
		String name = "Graphite " + UUID.randomUUID().toString().substring(0, 6);
		Page page = browser.page();

		page.navigate("/login");
		page.getByLabel("E-mail address").fill(vendor.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");

		page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Control panel"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Products")).click();
		page.waitForURL("**/panel/vendor/products");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New product")).click();

		page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
		page.getByLabel("Short description").fill("Time series, stored and graphed.");
		page.getByLabel("Description (optional)").fill("## Why\n\n* **fast** queries");
		page.getByLabel("Category").selectOption("databases");
		page.getByLabel("Tags (optional)").fill("metrics, graphs");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create draft")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Created '" + name + "' as a draft");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add plan")).click();
		page.getByLabel("Plan name").fill("Small");
		page.getByLabel("vCPUs").fill("2");
		Locator memory = page.getByLabel("RAM (MiB)");
		memory.fill("2 GB");
		page.getByLabel("Root disk (GiB)").fill("20");
		page.getByLabel("Image").selectOption(imageId);
		page.getByLabel("Monthly price").fill("12.50");
		Locator addPlan = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add plan"));
		addPlan.click();
		assertThat(memory).hasAttribute("aria-invalid", "true");
		assertThat(memory).hasValue("2 GB");
		assertThat(memory).hasAccessibleDescription(Pattern.compile("'2 GB' is not a whole number\\."));
		assertThat(page.getByLabel("Plan name")).hasValue("Small");
		browser.screenshot("vendor-plan-form-errors");

		memory.fill("2048");
		addPlan.click();
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Added the plan 'Small'.");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).hasText(name + " is on the storefront.");
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Withdraw"))).isVisible();
		browser.screenshot("vendor-product-published");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Preview")).click();
		assertThat(page.getByRole(AriaRole.NOTE)).containsText("this is how the product page will look");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText(name);
		assertThat(page.locator(".prose strong")).hasText("fast");
		browser.screenshot("vendor-product-preview");
	}

	private String image(TestUser operator) {
		var result = mvc.post().uri("/api/v1/admin/images")
			.header(HttpHeaders.AUTHORIZATION, operator.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"name": "Browser image %s", "osFamily": "DEBIAN", "source": "default/debian-12.qcow2",
					 "defaultSshUser": "debian", "minDiskGib": 10}""".formatted(UUID.randomUUID()))
			.exchange();
		return JsonPath.read(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), "$.id");
	}
}
