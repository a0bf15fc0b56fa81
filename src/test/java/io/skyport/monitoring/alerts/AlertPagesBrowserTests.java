package io.skyport.monitoring.alerts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.NodeId;
import io.skyport.compute.NodeWentDown;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * The alerts pages in a real Chromium on a 390 px phone: a customer adds a rule (a form error first), switches it off;
 * an operator sees a firing built-in alert and tunes the pool rule — no sideways scrolling anywhere.
 */
@SkyportIntegrationTest
class AlertPagesBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	AccountFixtures accounts;

	@Autowired
	AlertLedger ledger;

	@Test
	void a_customer_adds_a_rule_on_a_phone_and_switches_it_off() {
		Page page = signIn(accounts.customer());
		page.navigate("/panel/alerts");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Alerts");

		page.getByLabel("Threshold", new Page.GetByLabelOptions().setExact(true)).fill("101");
		page.getByLabel("For (minutes)").fill("10");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add rule")).click();
		assertThat(page.locator("#threshold-error")).containsText("Use a threshold from 0 to 100 %.");
		noSidewaysScroll(page);

		page.getByLabel("Threshold", new Page.GetByLabelOptions().setExact(true)).fill("85");
		page.getByLabel("Name").fill("Busy servers");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add rule")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Added the rule 'Busy servers'.");
		Locator rule = page.locator("article[data-rule-id]").filter(new Locator.FilterOptions().setHasText("Busy servers"));
		assertThat(rule).containsText("CPU above 85 % for 10 minutes");
		browser.screenshot("alerts-customer-390");
		noSidewaysScroll(page);

		rule.getByLabel("State").selectOption("false");
		rule.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save rule Busy servers")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Saved the rule 'Busy servers' (off).");
	}

	@Test
	void an_operator_sees_a_firing_built_in_and_tunes_the_pool_rule_on_a_phone() {
		NodeId node = new NodeId(UUID.randomUUID());
		String name = "phone-node-" + node.id().toString().substring(0, 8);
		ledger.fire(BuiltIn.NODE_DOWN, AlertSubject.node(node.id(), name), "Node " + name + " is down: 3 probes missed",
				null);
		Page page = signIn(accounts.operator());
		page.navigate("/panel/admin/alerts");
		Locator alert = page.locator("article[data-alert-id][data-state='firing']")
			.filter(new Locator.FilterOptions().setHasText(name));
		assertThat(alert).containsText("Node down");
		assertThat(alert).containsText("3 probes missed");
		browser.screenshot("alerts-operator-390");
		noSidewaysScroll(page);

		Locator pool = page.locator("article[data-builtin='POOL_NEARLY_FULL']");
		pool.getByLabel("Threshold").fill("150");
		pool.getByRole(AriaRole.BUTTON).first().click();
		assertThat(page.locator("article[data-builtin='POOL_NEARLY_FULL'] .alert.error"))
			.containsText("Use a share of the pool from 1 to 99.9 %");
		noSidewaysScroll(page);
		ledger.resolve(BuiltIn.NODE_DOWN, AlertSubject.node(node.id(), name).key(), "Node " + name + " answers again",
				null);
	}

	private Page signIn(TestUser user) {
		Page page = browser.page();
		page.setViewportSize(390, 844);
		page.navigate("/login");
		page.getByLabel("E-mail address").fill(user.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");
		return page;
	}

	private static void noSidewaysScroll(Page page) {
		Object pageWidth = page.evaluate("() => document.documentElement.scrollWidth");
		Object viewport = page.evaluate("() => document.documentElement.clientWidth");
		assertThat(((Number) pageWidth).intValue()).as("no sideways scroll")
			.isLessThanOrEqualTo(((Number) viewport).intValue());
	}
}
