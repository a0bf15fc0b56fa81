package io.skyport.billing.subscriptions;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import io.skyport.catalog.PlanSnapshot;
import io.skyport.compute.CapacityFixtures;
import io.skyport.compute.CapacityFixtures.Region;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order page in a real Chromium on a 390 px phone: it offers only the plan's regions that have room for it right
 * now, and the order runs in the region chosen.
 */
@SkyportIntegrationTest
class OrderRegionBrowserTests {

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

	@Autowired
	CapacityFixtures capacity;

	Region roomy;
	Region alsoRoomy;
	Region full;
	Region notThePlans;

	@BeforeEach
	void regions() {
		roomy = capacity.region("roomy", 8, 16384, 500);
		alsoRoomy = capacity.region("also", 8, 16384, 500);
		full = capacity.region("full", 8, 2048, 500);
		notThePlans = capacity.region("elsewhere", 8, 16384, 500);
	}

	@AfterEach
	void removeRegions() {
		roomy.close();
		alsoRoomy.close();
		full.close();
		notThePlans.close();
	}

	@Test
	void the_order_page_lists_only_the_plans_regions_with_room_and_the_order_runs_in_the_one_chosen() {
		PlanSnapshot plan = catalog.publishSized(accounts.vendor(), OrderApiTests.unique("Placed"), 2, 4096, 20,
				List.of(roomy.name(), alsoRoomy.name(), full.name()));
		TestUser customer = accounts.customer();
		BillingApi api = new BillingApi(mvc, json);
		assertThat(api.send("PUT", "/api/v1/billing/account", BillingApi.billingDetails("Placed Ltd"), customer))
			.hasStatusOk();
		Page page = browser.page();
		page.setViewportSize(390, 844);
		signIn(page, customer);

		page.navigate("/order?plan=" + plan.planId() + "&trial=false");

		Locator region = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Region"));
		assertThat(region.getByRole(AriaRole.RADIO)).hasCount(2);
		assertThat(region.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName(roomy.name()))).isVisible();
		assertThat(region.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName(alsoRoomy.name())))
			.isVisible();
		assertThat(region).not().containsText(full.name());
		assertThat(region).not().containsText(notThePlans.name());
		assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
		Locator place = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order for €10.00/month"));
		place.scrollIntoViewIfNeeded();
		assertThat(place).isVisible();
		browser.screenshot("order-regions-390");

		region.getByRole(AriaRole.RADIO, new Locator.GetByRoleOptions().setName(alsoRoomy.name())).check();
		place.click();

		page.waitForURL("**/panel/subscriptions/*");
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Thank you for your order. Your server is being prepared.");
		String subscription = page.url().substring(page.url().lastIndexOf('/') + 1);
		String orderId = BillingApi.read(api.get("/api/v1/subscriptions/" + subscription, customer), "$.orderId");
		assertThat(api.get("/api/v1/orders/" + orderId, customer)).bodyJson().extractingPath("$.region")
			.isEqualTo(alsoRoomy.name());
	}

	@Test
	void when_no_region_of_the_plan_has_room_the_page_says_so_and_cannot_be_submitted() {
		PlanSnapshot plan = catalog.publishSized(accounts.vendor(), OrderApiTests.unique("Crowded"), 2, 4096, 20,
				List.of(full.name()));
		TestUser customer = accounts.customer();
		assertThat(new BillingApi(mvc, json).send("PUT", "/api/v1/billing/account",
				BillingApi.billingDetails("Crowded Ltd"), customer)).hasStatusOk();
		Page page = browser.page();
		signIn(page, customer);

		page.navigate("/order?plan=" + plan.planId() + "&trial=true");

		Locator region = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Region"));
		assertThat(region.getByRole(AriaRole.RADIO)).hasCount(0);
		assertThat(region.getByRole(AriaRole.ALERT)).hasText("No region has room for this plan right now. Try again "
				+ "later, or choose a smaller plan.");
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start free trial")))
			.isDisabled();
	}

	private static void signIn(Page page, TestUser user) {
		page.navigate("/login");
		page.getByLabel("E-mail address").fill(user.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");
	}
}
