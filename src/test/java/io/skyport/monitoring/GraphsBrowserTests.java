package io.skyport.monitoring;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.InstanceDetails;
import io.skyport.monitoring.MonitoringFixtures.TestNode;
import io.skyport.monitoring.collection.Collector;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/** The owner sees live graphs and the month's traffic on their server's page on a phone; an operator, a node's graphs. */
@SkyportIntegrationTest
class GraphsBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	AccountFixtures accounts;

	@Autowired
	MonitoringFixtures monitoring;

	@Autowired
	Collector collector;

	@Test
	void the_owner_reads_graphs_of_their_server_on_a_phone_and_an_operator_those_of_its_node() {
		TestUser owner = accounts.customer();
		TestNode node = monitoring.node();
		InstanceDetails server = monitoring.running(owner.user().organisationId(), node, "graphed-1", null);
		Instant now = Instant.now();
		collector.round(now.minusSeconds(45));
		collector.round(now.minusSeconds(30));
		collector.round(now.minusSeconds(15));

		Page page = browser.page();
		page.setViewportSize(390, 844);
		signIn(page, owner.email());
		page.navigate("/panel/instances/" + server.id());

		Locator cpu = page.locator(".metric-graph[data-metrics='cpu']");
		assertThat(cpu).hasAttribute("data-points", "3");
		assertThat(cpu.locator("canvas")).isVisible();
		assertThat(page.locator(".metric-graph[data-metrics='disk_read,disk_write'] .u-legend")).containsText("Disk read");
		assertThat(page.getByTestId("traffic")).containsText("GiB sent from");
		org.assertj.core.api.Assertions.assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
			.as("no sideways scroll at 390 px").isLessThanOrEqualTo(390);
		browser.screenshot("server-graphs-390");

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("30 d")).click();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("30 d")))
			.hasAttribute("aria-pressed", "true");
		assertThat(page.locator(".graph-status")).containsText("min a point");

		Page operator = browser.context().browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
			.setBaseURL(page.url().replaceAll("(https?://[^/]+).*", "$1"))).newPage();
		signIn(operator, accounts.operator().email());
		operator.navigate("/panel/admin/nodes/" + node.id());
		assertThat(operator.locator(".metric-graph[data-metrics='domains']")).hasAttribute("data-points", "3");
	}

	private static void signIn(Page page, String email) {
		page.navigate("/login");
		page.getByLabel("E-mail address").fill(email);
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");
	}
}
