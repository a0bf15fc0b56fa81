package io.skyport.compute.placement;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * An operator plans capacity in a real browser: region totals, a what-if that fails on bad input and then shows the
 * chosen nodes, and a change of weigher.
 */
@SkyportIntegrationTest
class CapacityPlanningBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	TestRegion region;

	@BeforeEach
	void region() {
		region = new TestRegion(jdbc, "page");
		region.node("big", 8, 16384, 200);
		region.node("small", 4, 8192, 100);
	}

	@AfterEach
	void cleanUp() {
		region.close();
	}

	@Test
	void an_operator_sees_the_regions_fixes_a_what_if_and_sees_where_instances_would_go() {
		TestUser operator = accounts.operator();
		Page page = browser.page();
		page.navigate("/login");
		page.getByLabel("E-mail address").fill(operator.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");

		page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Control panel"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Capacity planning")).click();
		page.waitForURL("**/panel/admin/capacity");
		Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(region.name()));
		assertThat(row).containsText("2 of 2");
		assertThat(row).containsText("48");
		assertThat(row).containsText("24.0 GiB");

		page.getByLabel("Region", new Page.GetByLabelOptions().setExact(true)).selectOption(region.name());
		Locator vcpus = page.getByLabel("vCPUs");
		vcpus.fill("two");
		page.getByLabel("RAM (MiB)").fill("4096");
		page.getByLabel("Disk (GiB)").fill("20");
		Locator count = page.getByLabel("How many");
		count.fill("3");
		Locator show = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show placement"));
		show.click();
		assertThat(vcpus).hasAttribute("aria-invalid", "true");
		assertThat(vcpus).hasAccessibleDescription(Pattern.compile("'two' is not a whole number\\."));
		assertThat(page.locator("#what-if-outcome")).hasCount(0);

		vcpus.fill("2");
		count.fill("0");
		show.click();
		assertThat(count).hasAttribute("aria-invalid", "true");
		assertThat(count).hasAccessibleDescription("Simulate 1 to 1000 instances.");
		browser.screenshot("capacity-what-if-errors");

		count.fill("7");
		show.click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("6 of 7 would be placed in region " + region.name()
				+ " (weigher SPREAD).");
		Locator chosen = page.locator("#what-if-nodes tbody tr");
		assertThat(chosen).hasCount(2);
		assertThat(chosen.nth(0)).containsText(region.nodeName("big"));
		assertThat(chosen.nth(0)).containsText("4");
		assertThat(chosen.nth(1)).containsText("2");
		assertThat(chosen.nth(1)).containsText(region.nodeName("small"));
		assertThat(page.locator("#what-if-outcome .alert")).containsText("1 would not fit: No node in region "
				+ region.name() + " has 4 GiB RAM free (largest free: 0 GiB).");
		browser.screenshot("capacity-what-if");

		page.getByLabel("Weigher of region " + region.name(), new Page.GetByLabelOptions().setExact(true)).selectOption("PACK");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the weigher of region "
				+ region.name())).click();
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Region " + region.name() + " now places with PACK.");
		assertThat(page.getByLabel("Weigher of region " + region.name(), new Page.GetByLabelOptions().setExact(true))).hasValue("PACK");
	}
}
